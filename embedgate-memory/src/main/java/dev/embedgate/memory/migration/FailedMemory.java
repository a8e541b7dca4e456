package dev.embedgate.memory.migration;

import java.time.Instant;

/**
 * A memory a migration gave up on after its retries; the run went on without it.
 *
 * @param attempts how often it was tried
 * @param error    the last failure, as the provider or the pipeline said it (no credentials)
 */
public record FailedMemory(String namespace, String id, int attempts, String error, Instant failedAt) {
}
