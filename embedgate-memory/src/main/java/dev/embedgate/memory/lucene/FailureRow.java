package dev.embedgate.memory.lucene;

import dev.embedgate.memory.migration.FailedMemory;
import dev.embedgate.memory.migration.MemoryKey;
import java.time.Instant;

/**
 * A memory whose embedding failed during a migration, as the migration keeps it until the memory gets its vector.
 *
 * @param retryAt when it is claimable again; null once it was given up
 */
record FailureRow(MemoryKey key, int attempts, String error, Instant failedAt, Instant retryAt) {

    boolean givenUp() {
        return retryAt == null;
    }

    /** Still to be tried, not before its retry time. */
    boolean waitsAt(Instant now) {
        return retryAt != null && retryAt.isAfter(now);
    }

    FailedMemory failed() {
        return new FailedMemory(key.namespace(), key.id(), attempts, error, failedAt);
    }
}
