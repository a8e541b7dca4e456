package dev.embedgate.space;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Vectors as packed little-endian IEEE 754 float32: OpenAI's and Cohere's {@code base64} encoding (before base64),
 * and how shared cache tiers store vectors. The one place that packs and unpacks them; the bulk copies of
 * {@link java.nio.FloatBuffer} avoid a per-value loop.
 */
public final class VectorBytes {

    private VectorBytes() {
    }

    /** Bytes that {@code dimensions} float32 values take. */
    public static int length(int dimensions) {
        return dimensions * Float.BYTES;
    }

    /** The vector as little-endian float32. */
    public static byte[] toBytes(float[] vector) {
        byte[] bytes = new byte[length(vector.length)];
        write(vector, bytes, 0);
        return bytes;
    }

    /** Writes the vector as little-endian float32 into {@code target} from {@code offset}. */
    public static void write(float[] vector, byte[] target, int offset) {
        ByteBuffer.wrap(target, offset, length(vector.length)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(vector);
    }

    /**
     * The inverse of {@link #toBytes}.
     *
     * @throws IllegalArgumentException if the byte count is not a whole number of float32 values
     */
    public static float[] fromBytes(byte[] bytes) {
        return fromBytes(bytes, 0, bytes.length);
    }

    /**
     * The vector packed in {@code length} bytes of {@code source} from {@code offset}.
     *
     * @throws IllegalArgumentException if {@code length} is not a whole number of float32 values
     */
    public static float[] fromBytes(byte[] source, int offset, int length) {
        if (length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a float32 vector cannot take " + length + " bytes");
        }
        float[] vector = new float[length / Float.BYTES];
        ByteBuffer.wrap(source, offset, length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
