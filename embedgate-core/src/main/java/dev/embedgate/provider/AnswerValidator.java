package dev.embedgate.provider;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Vectors;
import java.util.List;

/**
 * Refuses, as {@link ProviderCallException.Kind#INVALID_RESPONSE}, a provider answer that is not one finite vector
 * of the space's dimensions per input, and normalises vectors when the space says they are unit length but the
 * provider did not make them so. A refused answer is never cached, stored or returned.
 */
public final class AnswerValidator {

    private static final double NORM_TOLERANCE = 1e-4;

    public void validate(ProviderResponse response, int expectedCount, EmbeddingProvider provider) {
        EmbeddingSpace space = provider.space();
        List<float[]> vectors = response.vectors();
        if (vectors.size() != expectedCount) {
            throw invalid(provider, "returned " + vectors.size() + " vectors for " + expectedCount + " inputs");
        }
        for (int i = 0; i < vectors.size(); i++) {
            float[] vector = vectors.get(i);
            if (vector == null || vector.length != space.dimensions()) {
                throw invalid(provider, "vector " + i + " has " + (vector == null ? "no" : vector.length)
                        + " dimensions; the space has " + space.dimensions());
            }
            if (!Vectors.allFinite(vector)) {
                throw invalid(provider, "vector " + i + " holds NaN or infinite values");
            }
            if (space.normalized() && Math.abs(Vectors.norm(vector) - 1) > NORM_TOLERANCE) {
                Vectors.normalize(vector);
            }
        }
    }

    private static ProviderCallException invalid(EmbeddingProvider provider, String message) {
        return new ProviderCallException(provider.name(), ProviderCallException.Kind.INVALID_RESPONSE, 200, message);
    }
}
