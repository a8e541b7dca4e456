package dev.embedgate.memory.lucene;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryPatch;
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

    /** The memory saved over this one: the creation time stays, and the vectors stay while the content does. */
    StoredMemory replacedBy(Memory saved) {
        var next = new Memory(saved.namespace(), saved.id(), saved.content(), saved.metadata(), saved.importance(),
                memory.createdAt(), saved.updatedAt(), saved.contentHash());
        return new StoredMemory(next, memory.contentHash().equals(saved.contentHash()) ? vectors : Map.of());
    }

    /** With the patch applied at {@code now}: the content, and so the vectors, stay. */
    StoredMemory patched(MemoryPatch patch, Instant now) {
        var next = new Memory(memory.namespace(), memory.id(), memory.content(),
                patch.metadata() == null ? memory.metadata() : patch.metadata(),
                patch.importance() == null ? memory.importance() : patch.importance(),
                memory.createdAt(), now, memory.contentHash());
        return new StoredMemory(next, vectors);
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

    /** Without its vector in the space (a space being dropped). */
    StoredMemory withoutVector(String space) {
        var kept = new LinkedHashMap<>(vectors);
        kept.remove(space);
        return new StoredMemory(memory, kept);
    }
}
