package dev.embedgate.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A vector as a cache holds it, with what a hit must still report.
 *
 * @param vector    the vector, exactly as the provider answered it (after validation)
 * @param tokens    tokens the text cost upstream: what a hit saves
 * @param truncated whether the text was cut to the model's limit (a request that refuses truncation must not get it)
 */
public record CachedEmbedding(float[] vector, int tokens, boolean truncated) {

    public CachedEmbedding {
        Objects.requireNonNull(vector, "vector");
    }

    /** Bytes the vector takes in a compact binary form (little-endian float32). */
    public int vectorBytes() {
        return vector.length * Float.BYTES;
    }

    /** The vector as little-endian float32, how shared tiers store it. */
    public byte[] vectorAsBytes() {
        ByteBuffer bytes = ByteBuffer.allocate(vectorBytes()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    /** The inverse of {@link #vectorAsBytes()}. */
    public static float[] vectorFromBytes(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("a float32 vector cannot take " + bytes.length + " bytes");
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
