package dev.embedgate.embedding;

import static dev.embedgate.call.TestPaths.onceEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import dev.embedgate.space.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The service refuses a provider's answer that is not one finite vector of the space's dimensions per input,
 * naming the provider, and brings vectors of a normalised space to unit length.
 */
class ProviderAnswerValidationTest {

    private static final EmbeddingSpace SPACE =
            new EmbeddingSpace("test/remote-model", "v1", 4, Pooling.MEAN, true, 512, "", "");
    private static final List<String> TEXTS = List.of("first", "second");

    @Test
    void tooFewVectorsAreAProviderFailure() {
        assertProviderFailure(texts -> List.of(unit(0)), "returned 1 vectors for 2 inputs");
    }

    @Test
    void tooManyVectorsAreAProviderFailure() {
        assertProviderFailure(texts -> List.of(unit(0), unit(1), unit(2)), "returned 3 vectors for 2 inputs");
    }

    @Test
    void vectorsOfTheWrongDimensionsAreAProviderFailure() {
        assertProviderFailure(texts -> List.of(unit(0), new float[] {1, 0, 0}), "vector 1 has 3 dimensions");
    }

    @Test
    void nanOrInfiniteValuesAreAProviderFailure() {
        assertProviderFailure(texts -> List.of(new float[] {Float.NaN, 0, 0, 0}, unit(1)), "vector 0 holds NaN");
        assertProviderFailure(texts -> List.of(unit(0), new float[] {0, Float.POSITIVE_INFINITY, 0, 0}),
                "vector 1 holds NaN or infinite");
    }

    @Test
    void vectorsOfANormalisedSpaceComeBackUnitLengthEvenIfTheProviderDidNotNormalise() {
        var service = serviceOver(texts -> List.of(new float[] {3, 0, 4, 0}, unit(2)));

        Embeddings result = service.embed(EmbeddingRequest.of(null, TEXTS));

        assertThat(result.vectors().getFirst()).containsExactly(new float[] {0.6f, 0, 0.8f, 0}, within(1e-6f));
        assertThat(Vectors.norm(result.vectors().get(1))).isCloseTo(1.0, within(1e-6));
    }

    private static void assertProviderFailure(Function<List<String>, List<float[]>> answer, String reason) {
        var failure = catchThrowableOfType(ProviderFailureException.class,
                () -> serviceOver(answer).embed(EmbeddingRequest.of(null, TEXTS)));

        assertThat(failure).as("failure for a provider that %s", reason).isNotNull()
                .hasMessageContaining("invalid_response").hasMessageNotContaining(reason);
        assertThat(failure.getCause()).as("the details stay with the cause").hasMessageContaining(reason);
        assertThat(failure.provider()).isEqualTo(FaultyProvider.NAME);
    }

    private static EmbeddingService serviceOver(Function<List<String>, List<float[]>> answer) {
        var route = new ModelRoute("remote-model", List.of(), onceEach(new FaultyProvider(answer)));
        return new EmbeddingService(new ModelRegistry(List.of(route), "remote-model"));
    }

    private static float[] unit(int axis) {
        float[] vector = new float[SPACE.dimensions()];
        vector[axis] = 1;
        return vector;
    }

    /** Stands in for a remote provider that answers with whatever the test tells it to. */
    private record FaultyProvider(Function<List<String>, List<float[]>> answer) implements EmbeddingProvider {

        static final String NAME = "test/faulty";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public EmbeddingSpace space() {
            return SPACE;
        }

        @Override
        public ProviderResponse embed(ProviderRequest request) {
            // Copies, so that one answer's arrays are never normalised in place under another test.
            List<float[]> vectors = new ArrayList<>();
            answer.apply(request.texts()).forEach(vector -> vectors.add(Arrays.copyOf(vector, vector.length)));
            return new ProviderResponse(vectors, request.texts().size(), List.of());
        }

        @Override
        public ProviderLimits limits() {
            return new ProviderLimits(2048, 512, 100_000);
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void warmUp() {
        }

        @Override
        public void close() {
        }
    }
}
