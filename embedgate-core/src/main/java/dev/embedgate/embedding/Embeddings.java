package dev.embedgate.embedding;

import dev.embedgate.space.EmbeddingSpace;
import java.util.List;

/**
 * Vectors for a request, with where they came from.
 *
 * @param vectors          one per input, in input order
 * @param model            the canonical name of the model that was asked for
 * @param space            the space every vector belongs to
 * @param provider         the provider that served them
 * @param promptTokens     tokens the model processed
 * @param truncatedIndexes positions of inputs that were cut to the model's token limit
 */
public record Embeddings(List<float[]> vectors, String model, EmbeddingSpace space, String provider, long promptTokens,
                         List<Integer> truncatedIndexes) {

    public Embeddings {
        vectors = List.copyOf(vectors);
        truncatedIndexes = List.copyOf(truncatedIndexes);
    }
}
