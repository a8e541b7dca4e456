package dev.embedgate.cache;

import dev.embedgate.space.VectorBytes;
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
        return VectorBytes.length(vector.length);
    }

    /** The vector as little-endian float32, how shared tiers store it. */
    public byte[] vectorAsBytes() {
        return VectorBytes.toBytes(vector);
    }

    /** The inverse of {@link #vectorAsBytes()}. */
    public static float[] vectorFromBytes(byte[] bytes) {
        return VectorBytes.fromBytes(bytes);
    }
}
