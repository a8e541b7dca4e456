package dev.embedgate.embedding;

import dev.embedgate.space.EmbeddingSpace;
import java.util.List;

/**
 * Vectors for a request, with where they came from.
 *
 * @param vectors          one per input, in input order
 * @param model            the canonical name of the model that was asked for
 * @param space            the space every vector belongs to
 * @param provider         the provider that served them (several, comma-separated, if batches failed over)
 * @param promptTokens     tokens the model processed
 * @param truncatedIndexes positions of inputs that were cut to the model's token limit
 * @param degraded         true when a configured fallback of another space served: these vectors are not
 *                         comparable with the model's own and must be re-embedded once it is back
 */
public record Embeddings(List<float[]> vectors, String model, EmbeddingSpace space, String provider, long promptTokens,
                         List<Integer> truncatedIndexes, boolean degraded) {

    public Embeddings {
        vectors = List.copyOf(vectors);
        truncatedIndexes = List.copyOf(truncatedIndexes);
    }
}
