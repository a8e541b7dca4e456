package dev.embedgate.testkit.vectors;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * Deterministic stand-ins for models the simulator cannot run: a unit vector of the model's dimensions, drawn from
 * a Gaussian seeded with the SHA-256 of the model id and the text. The same model and text always give the same
 * vector, on any machine; the vectors carry NO meaning (similar texts are not near each other).
 */
public final class SyntheticVectors {

    private SyntheticVectors() {
    }

    public static float[] vector(String modelId, String text, int dimensions) {
        var random = new Random(seed(modelId, text));
        var vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return VectorMath.normalised(vector);
    }

    private static long seed(String modelId, String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(modelId.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha256.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
