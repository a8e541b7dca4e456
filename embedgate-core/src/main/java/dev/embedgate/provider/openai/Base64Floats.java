package dev.embedgate.provider.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors as OpenAI sends them with {@code encoding_format: base64}: little-endian IEEE 754 float32, packed. */
final class Base64Floats {

    private Base64Floats() {
    }

    /** @throws IllegalArgumentException if the byte count is not a whole number of floats */
    static float[] decode(byte[] littleEndian) {
        if (littleEndian.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a base64 vector of " + littleEndian.length
                    + " bytes is not a whole number of float32 values");
        }
        float[] vector = new float[littleEndian.length / Float.BYTES];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /** The inverse of {@link #decode}, for tests and the simulator's format. */
    static byte[] encode(float[] vector) {
        var buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }
}
