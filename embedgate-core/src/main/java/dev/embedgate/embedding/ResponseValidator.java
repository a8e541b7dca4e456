package dev.embedgate.embedding;

import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Vectors;
import java.util.List;

/**
 * Refuses a provider answer that is not one finite vector of the space's dimensions per input, and normalises
 * vectors when the space says they are unit length but the provider did not make them so.
 */
final class ResponseValidator {

    private static final double NORM_TOLERANCE = 1e-4;

    void validate(ProviderResponse response, int expectedCount, EmbeddingProvider provider) {
        EmbeddingSpace space = provider.space();
        List<float[]> vectors = response.vectors();
        if (vectors.size() != expectedCount) {
            throw new ProviderFailureException(provider.name(), "returned " + vectors.size() + " vectors for "
                    + expectedCount + " inputs", null);
        }
        for (int i = 0; i < vectors.size(); i++) {
            float[] vector = vectors.get(i);
            if (vector == null || vector.length != space.dimensions()) {
                throw new ProviderFailureException(provider.name(), "vector " + i + " has "
                        + (vector == null ? "no" : vector.length) + " dimensions; the space has " + space.dimensions(), null);
            }
            if (!Vectors.allFinite(vector)) {
                throw new ProviderFailureException(provider.name(), "vector " + i + " holds NaN or infinite values", null);
            }
            if (space.normalized() && Math.abs(Vectors.norm(vector) - 1) > NORM_TOLERANCE) {
                Vectors.normalize(vector);
            }
        }
    }
}
