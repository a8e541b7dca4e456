package dev.embedgate.memory;

import java.util.Objects;

/**
 * The nearest memories to a vector, within one namespace and one space: never across spaces.
 *
 * @param namespace whose memories
 * @param space     the space the vector belongs to; only vectors of this space are compared with it
 * @param vector    of the space's dimensions
 * @param k         at most this many (1..{@link #MAX_K}); fewer only when fewer memories match the filter
 * @param filter    on metadata; {@link MemoryFilter#ALL} for none
 * @param minScore  the lowest cosine similarity returned (-1 for no floor)
 */
public record VectorQuery(String namespace, String space, float[] vector, int k, MemoryFilter filter,
                          double minScore) {

    public static final int MAX_K = 1_000;

    public VectorQuery {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(filter, "filter");
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be within 1.." + MAX_K + ", was " + k);
        }
    }
}
