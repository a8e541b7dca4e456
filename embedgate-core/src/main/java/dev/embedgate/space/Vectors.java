package dev.embedgate.space;

import java.util.Arrays;

/** Arithmetic on float vectors that several stages need. */
public final class Vectors {

    private Vectors() {
    }

    /** Euclidean norm, accumulated in double. */
    public static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }

    /** Scales the vector in place to unit norm; a zero vector stays zero. */
    public static void normalize(float[] vector) {
        double norm = norm(vector);
        if (norm == 0) {
            return;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
    }

    /**
     * The first {@code length} values of a unit vector, scaled back to unit norm: how a model whose shortening is
     * truncation (OpenAI's text-embedding-3) shortens its vectors. A new array; the vector is left as it was.
     */
    public static float[] truncated(float[] vector, int length) {
        float[] shorter = Arrays.copyOf(vector, length);
        normalize(shorter);
        return shorter;
    }

    /** Whether every component is a finite number (no NaN, no infinity). */
    public static boolean allFinite(float[] vector) {
        for (float value : vector) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    /** Cosine similarity of two vectors of equal length. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }
}
