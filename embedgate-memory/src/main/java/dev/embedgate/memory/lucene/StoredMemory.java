package dev.embedgate.memory.lucene;

import dev.embedgate.memory.Memory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A memory with its vectors: everything one document holds, and what a write rebuilds the document from (Lucene
 * replaces documents whole).
 *
 * @param vectors by space id
 */
record StoredMemory(Memory memory, Map<String, Vector> vectors) {

    StoredMemory {
        Objects.requireNonNull(memory, "memory");
        vectors = Map.copyOf(vectors);
    }

    /**
     * A vector as indexed.
     *
     * @param unit the vector scaled to unit length: the index compares by dot product, which on unit vectors is the
     *             cosine similarity
     */
    record Vector(float[] unit, String provider, boolean degraded, Instant embeddedAt) {
    }

    StoredMemory with(Memory replacement) {
        return new StoredMemory(replacement, vectors);
    }

    /** With this vector in the space; a vector that is not degraded drops the degraded ones of other spaces. */
    StoredMemory withVector(String space, Vector vector) {
        var kept = new LinkedHashMap<String, Vector>();
        vectors.forEach((other, existing) -> {
            if (!vector.degraded() && existing.degraded()) {
                return;
            }
            kept.put(other, existing);
        });
        kept.put(space, vector);
        return new StoredMemory(memory, kept);
    }
}
