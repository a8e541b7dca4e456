package dev.embedgate.testkit.vectors;

import java.util.Arrays;

/** Unit-normalising and Matryoshka shortening of float vectors. */
public final class VectorMath {

    private VectorMath() {
    }

    /** The vector scaled to length 1 (in place), or unchanged if it is all zeros. */
    public static float[] normalised(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        if (sum == 0) {
            return vector;
        }
        double scale = 1 / Math.sqrt(sum);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] * scale);
        }
        return vector;
    }

    /** The first {@code dimensions} values, renormalised, as OpenAI shortens text-embedding-3-* vectors. */
    public static float[] shortened(float[] vector, int dimensions) {
        return normalised(Arrays.copyOf(vector, dimensions));
    }
}
