package dev.embedgate.memory.migration;

/**
 * A migration's progress as the store counts it now.
 *
 * @param total  memories in scope
 * @param done   of them, those with a target vector (made after {@link MigrationScope#reembedBefore()} with force)
 * @param failed memories given up after their retries, listed by {@link MigrationStore#failures}
 * @param leased memories a worker holds right now
 */
public record MigrationCounts(long total, long done, long failed, long leased) {

    /** Memories without a target vector yet, failed ones included. */
    public long missing() {
        return total - done;
    }
}
