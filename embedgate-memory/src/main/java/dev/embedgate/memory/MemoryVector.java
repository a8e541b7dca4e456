package dev.embedgate.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * A memory's vector in one embedding space. A memory has at most one per space.
 *
 * @param namespace   the memory's namespace
 * @param memoryId    the memory's id
 * @param contentHash the hash of the content the vector was made from; a store refuses a vector whose memory's
 *                    content has changed since (the vector would describe text the memory no longer holds)
 * @param vector      of the space's dimensions
 * @param provider    the provider that made it
 * @param degraded    made by a fallback of another space than the namespace's active one: a stand-in until the
 *                    active space's providers are back, then replaced
 * @param embeddedAt  when it was made
 */
public record MemoryVector(String namespace, String memoryId, String contentHash, float[] vector, String provider,
                           boolean degraded, Instant embeddedAt) {

    public MemoryVector {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(memoryId, "memoryId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(embeddedAt, "embeddedAt");
    }
}
