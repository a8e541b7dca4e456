package dev.embedgate.bench.memory;

import java.util.Objects;

/**
 * The vectors the recall benchmark stores and the queries it asks, all unit length and of one dimension.
 *
 * @param base    stored, vector {@code i} as memory {@link #id}(i)
 * @param queries asked; none of them is stored
 */
record VectorSet(float[][] base, float[][] queries) {

    VectorSet {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(queries, "queries");
        if (base.length == 0 || queries.length == 0) {
            throw new IllegalArgumentException("a vector set needs base vectors and queries");
        }
    }

    int dimensions() {
        return base[0].length;
    }

    /** The memory id of base vector {@code index}. */
    static String id(int index) {
        return "v" + index;
    }

    /** The base vector index of a memory id made by {@link #id}. */
    static int index(String id) {
        return Integer.parseInt(id, 1, id.length(), 10);
    }
}
