package dev.embedgate.memory;

/**
 * A change to a saved memory that leaves its content, and so its vectors, as they are.
 *
 * @param metadata   the new metadata (replacing the old), or null to keep it
 * @param importance the new importance, or null to keep it
 */
public record MemoryPatch(Metadata metadata, Double importance) {

    public MemoryPatch {
        if (importance != null && !(importance >= 0 && importance <= 1)) {
            throw new IllegalArgumentException("importance must be within 0..1, was " + importance);
        }
    }
}
