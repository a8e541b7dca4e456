package dev.embedgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Vectors;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipeline with the embedded default models: model resolution, input checks, and what a result carries. */
class EmbeddingServiceTest {

    private static final String A = "PostgreSQL is an object-relational database management system.";
    private static final String B = "A small command-line tool to resize and convert images.";

    private static ModelRegistry registry;
    private static EmbeddingService service;

    @BeforeAll
    static void startService() {
        registry = LocalModels.embeddedDefault();
        service = new EmbeddingService(registry);
    }

    @AfterAll
    static void closeModels() {
        registry.close();
    }

    @Test
    void unknownModelIsRefusedListingTheConfiguredModels() {
        var refused = catchThrowableOfType(ModelNotFoundException.class,
                () -> service.embed(EmbeddingRequest.of("text-embedding-3-small", List.of(A))));

        assertThat(refused).hasMessageContaining("'text-embedding-3-small'");
        for (String configured : List.of(BuiltInModels.MINILM, BuiltInModels.MINILM_INT8, BuiltInModels.BGE_SMALL,
                BuiltInModels.BGE_SMALL_INT8)) {
            assertThat(refused).hasMessageContaining(configured);
        }
    }

    @Test
    void emptyInputListIsRefused() {
        assertRefused(EmbeddingRequest.of(null, List.of()), "input", "empty_input");
    }

    @Test
    void moreThan2048InputsAreRefused() {
        assertRefused(EmbeddingRequest.of(null, Collections.nCopies(2049, A)), "input", "too_many_inputs");
    }

    @Test
    void emptyStringIsRefusedNamingItsIndex() {
        assertRefused(EmbeddingRequest.of(null, List.of(A, "")), "input[1]", "empty_input");
    }

    @Test
    void nullInputIsRefusedNamingItsIndex() {
        assertRefused(EmbeddingRequest.of(null, Arrays.asList(A, B, null)), "input[2]", "invalid_type");
    }

    @Test
    void unpairedSurrogateIsRefusedNamingItsIndex() {
        assertRefused(EmbeddingRequest.of(null, List.of("\uD800")), "input[0]", "invalid_unicode");
        assertRefused(EmbeddingRequest.of(null, List.of(A, "tail \uDC00 first")), "input[1]", "invalid_unicode");
    }

    @Test
    void surrogatePairsAreAccepted() {
        Embeddings result = service.embed(EmbeddingRequest.of(null, List.of("release party \uD83C\uDF89 tonight")));

        assertThat(result.vectors()).hasSize(1);
    }

    @Test
    void dimensionsOtherThanTheModelsAreRefused() {
        assertRefused(new EmbeddingRequest(null, List.of(A), InputType.DOCUMENT, 256, true), "dimensions",
                "unsupported_dimensions");
    }

    @Test
    void dimensionsEqualToTheModelsAreAccepted() {
        Embeddings result = service.embed(new EmbeddingRequest(null, List.of(A), InputType.DOCUMENT, 384, true));

        assertThat(result.vectors().getFirst()).hasSize(384);
    }

    @Test
    void aliasesInAnyCaseResolveToTheCanonicalModelAndSpace() {
        Embeddings canonical = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, List.of(A)));

        for (String alias : List.of("all-MiniLM-L6-v2", "ALL-MINILM-L6-V2")) {
            Embeddings viaAlias = service.embed(EmbeddingRequest.of(alias, List.of(A)));
            assertThat(viaAlias.model()).as(alias).isEqualTo(BuiltInModels.MINILM);
            assertThat(viaAlias.space()).as(alias).isEqualTo(canonical.space());
            assertThat(viaAlias.vectors().getFirst()).as(alias)
                    .containsExactly(canonical.vectors().getFirst(), within(1e-6f));
        }
    }

    @Test
    void noModelMeansTheDefaultModel() {
        Embeddings result = service.embed(EmbeddingRequest.of(null, List.of(A)));

        assertThat(result.model()).isEqualTo(BuiltInModels.MINILM);
        assertThat(result.space()).isEqualTo(registry.resolve(BuiltInModels.MINILM).space());
    }

    @Test
    void resultCarriesSpaceProviderTokensAndUnitVectors() {
        Embeddings result = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, List.of(A, B)));

        assertThat(result.space().id()).isEqualTo(registry.resolve(BuiltInModels.MINILM).space().id());
        assertThat(result.provider()).isEqualTo("local/sentence-transformers/all-MiniLM-L6-v2");
        assertThat(result.promptTokens()).isPositive();
        assertThat(result.truncatedIndexes()).isEmpty();
        assertThat(result.vectors()).hasSize(2)
                .allSatisfy(vector -> assertThat(Vectors.norm(vector)).isCloseTo(1.0, within(1e-5)));
    }

    @Test
    void vectorsComeBackInInputOrder() {
        List<float[]> forward = service.embed(EmbeddingRequest.of(null, List.of(A, B))).vectors();
        List<float[]> reversed = service.embed(EmbeddingRequest.of(null, List.of(B, A))).vectors();

        assertThat(Vectors.cosine(forward.get(0), forward.get(1))).as("the two texts differ").isLessThan(0.9);
        assertThat(forward.get(0)).containsExactly(reversed.get(1), within(1e-6f));
        assertThat(forward.get(1)).containsExactly(reversed.get(0), within(1e-6f));
    }

    private static void assertRefused(EmbeddingRequest request, String param, String code) {
        var refused = catchThrowableOfType(InvalidRequestException.class, () -> service.embed(request));

        assertThat(refused).as("refusal of %s", param).isNotNull();
        assertThat(refused.param()).isEqualTo(param);
        assertThat(refused.code()).isEqualTo(code);
    }
}
