package dev.embedgate.memory;

import java.util.Random;

/** Random unit vectors for tests, the same for the same seed. */
public final class TestVectors {

    private TestVectors() {
    }

    public static float[] unit(int dimensions, long seed) {
        var random = new Random(seed);
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < dimensions; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
