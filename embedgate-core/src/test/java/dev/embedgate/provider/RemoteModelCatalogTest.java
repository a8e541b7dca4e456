package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.space.ReferenceSpaces;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known remote models: dimensions, limits, prices, and which of them share a space with a local model. */
class RemoteModelCatalogTest {

    private static final RemoteModelCatalog CATALOG = RemoteModelCatalog.builtIn();

    @Test
    void knownModelsHaveTheirNativeDimensions() {
        Map<String, Integer> expected = Map.of(
                "text-embedding-3-small", 1536, "text-embedding-3-large", 3072, "text-embedding-ada-002", 1536);
        expected.forEach((name, dims) -> assertThat(CATALOG.require("openai", name).space().dimensions())
                .as(name).isEqualTo(dims));
        assertThat(CATALOG.require("cohere", "embed-english-v3.0").space().dimensions()).isEqualTo(1024);
        assertThat(CATALOG.require("cohere", "embed-english-light-v3.0").space().dimensions()).isEqualTo(384);
        assertThat(CATALOG.require("cohere", "embed-multilingual-v3.0").space().dimensions()).isEqualTo(1024);
        assertThat(CATALOG.require("ollama", "nomic-embed-text").space().dimensions()).isEqualTo(768);
        assertThat(CATALOG.require("ollama", "mxbai-embed-large").space().dimensions()).isEqualTo(1024);
        assertThat(CATALOG.require("huggingface", "all-MiniLM-L6-v2").space().dimensions()).isEqualTo(384);
        assertThat(CATALOG.require("tei", "BAAI/bge-small-en-v1.5").space().dimensions()).isEqualTo(384);
    }

    @Test
    void openAiLimitsAndPrices() {
        KnownModel small = CATALOG.require("openai", "text-embedding-3-small");

        assertThat(small.limits()).isEqualTo(new ProviderLimits(2048, 8192, 300_000));
        assertThat(small.usdPerMillionTokens()).isEqualByComparingTo("0.02");
        assertThat(CATALOG.require("openai", "text-embedding-3-large").usdPerMillionTokens()).isEqualByComparingTo("0.13");
        assertThat(CATALOG.require("openai", "text-embedding-ada-002").usdPerMillionTokens()).isEqualByComparingTo("0.10");
        assertThat(CATALOG.require("cohere", "embed-english-v3.0").usdPerMillionTokens()).isEqualByComparingTo("0.10");
        assertThat(CATALOG.require("ollama", "all-minilm").usdPerMillionTokens()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(small.tokenCounter().count("hello world")).isEqualTo(2);
    }

    @Test
    void equalDimensionsDoNotMakeEqualSpaces() {
        var shortenedOpenAi = CATALOG.require("openai", "text-embedding-3-small").remoteModel(384).space();
        var cohereLight = CATALOG.require("cohere", "embed-english-light-v3.0").space();
        var minilm = CATALOG.require("huggingface", ReferenceSpaces.MINILM).space();

        assertThat(shortenedOpenAi.dimensions()).isEqualTo(384);
        assertThat(shortenedOpenAi).isNotEqualTo(minilm).isNotEqualTo(cohereLight);
        assertThat(cohereLight).isNotEqualTo(minilm);
    }

    @Test
    void onlyMatryoshkaModelsShorten() {
        assertThat(CATALOG.require("openai", "text-embedding-3-large").remoteModel(1024).shortened()).isTrue();
        assertThatThrownBy(() -> CATALOG.require("openai", "text-embedding-ada-002").remoteModel(512))
                .hasMessageContaining("1536");
        assertThatThrownBy(() -> CATALOG.require("openai", "text-embedding-3-small").remoteModel(2048))
                .hasMessageContaining("1-1536");
    }

    @Test
    void eachModelSaysWhichLengthsItAnswersWithAndWhetherTheyAreCutsOfItsFullVector() {
        assertThat(CATALOG.require("openai", "text-embedding-3-small").dimensionOptions())
                .isEqualTo(DimensionOptions.truncatedUpTo(1536));
        assertThat(CATALOG.require("openai", "text-embedding-3-large").dimensionOptions())
                .isEqualTo(DimensionOptions.truncatedUpTo(3072));
        assertThat(CATALOG.require("openai", "text-embedding-ada-002").dimensionOptions())
                .isEqualTo(DimensionOptions.fixed(1536));
        DimensionOptions v4 = CATALOG.require("cohere", "embed-v4.0").dimensionOptions();
        assertThat(v4.sizes()).containsExactly(256, 512, 1024, 1536);
        assertThat(v4.truncation()).as("Cohere does not document its sizes as cuts of the full vector").isFalse();
        for (String kind : new String[] {"huggingface", "tei", "ollama"}) {
            CATALOG.models().stream().filter(model -> model.kind().equals(kind)).forEach(model ->
                    assertThat(model.dimensionOptions().shortens()).as(model.name()).isFalse());
        }
        assertThat(CATALOG.require("cohere", "embed-english-v3.0").dimensionOptions().shortens()).isFalse();
    }

    @Test
    void embedV4IsShortenedOnlyToItsListedSizes() {
        KnownModel v4 = CATALOG.require("cohere", "embed-v4.0");

        assertThat(v4.remoteModel(512).space().dimensions()).isEqualTo(512);
        assertThatThrownBy(() -> v4.remoteModel(768)).hasMessageContaining("256, 512, 1024 or 1536");
    }

    @Test
    void unknownModelsAreRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> CATALOG.require("cohere", "embed-imaginary"))
                .hasMessageContaining("embed-imaginary").hasMessageContaining("embed-english-v3.0");
    }

    @Test
    void limitsFitEachProvider() {
        assertThat(CATALOG.require("cohere", "embed-english-v3.0").limits().maxInputsPerRequest()).isEqualTo(96);
        assertThat(CATALOG.require("huggingface", ReferenceSpaces.MINILM).limits().maxInputsPerRequest()).isEqualTo(32);
        assertThat(CATALOG.require("ollama", "nomic-embed-text").limits().maxInputsPerRequest()).isEqualTo(512);
    }
}
