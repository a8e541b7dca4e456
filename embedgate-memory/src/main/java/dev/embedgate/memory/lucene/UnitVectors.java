package dev.embedgate.memory.lucene;

import dev.embedgate.space.Vectors;

/**
 * Why the index compares by dot product: vectors and queries are scaled to unit length on their way in, where the dot
 * product is the cosine similarity, and Lucene's dot-product score {@code (1 + dot) / 2} is turned back into it on the
 * way out.
 */
final class UnitVectors {

    private UnitVectors() {
    }

    /**
     * A unit-length copy of the vector.
     *
     * @throws IllegalArgumentException when it has other dimensions than the space's, or no direction (zero, or not
     *                                  finite)
     */
    static float[] unit(float[] vector, String space, int dimensions) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException("space " + space + " has vectors of " + dimensions
                    + " dimensions, not " + vector.length);
        }
        if (!Vectors.allFinite(vector) || Vectors.norm(vector) == 0) {
            throw new IllegalArgumentException("a vector of space " + space
                    + " must have finite values, not all zero");
        }
        float[] unit = vector.clone();
        Vectors.normalize(unit);
        return unit;
    }

    /** The cosine similarity behind a Lucene dot-product score of unit vectors. */
    static double cosine(float score) {
        return Math.max(-1, Math.min(1, 2.0 * score - 1));
    }
}
