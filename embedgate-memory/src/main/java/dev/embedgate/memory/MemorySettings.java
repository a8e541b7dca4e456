package dev.embedgate.memory;

import java.time.Duration;
import java.util.Objects;

/**
 * How the memory behaves.
 *
 * @param model            the model (or space id) whose space new namespaces start in; null for the gateway's
 *                         default model
 * @param maxBatch         most memories in one save
 * @param maxContentChars  longest content accepted, in UTF-16 chars
 * @param workerBatch      memories the background worker embeds per call
 * @param workerIdle       how long the worker sleeps when nothing is pending (a save that leaves work wakes it)
 * @param workerMaxBackoff the longest the worker waits after its providers failed, before trying again
 */
public record MemorySettings(String model, int maxBatch, int maxContentChars, int workerBatch, Duration workerIdle,
                             Duration workerMaxBackoff) {

    public static final MemorySettings DEFAULT = new MemorySettings(null, 2_048, 100_000, 64, Duration.ofSeconds(30),
            Duration.ofMinutes(2));

    public MemorySettings {
        if (maxBatch < 1 || maxContentChars < 1 || workerBatch < 1) {
            throw new IllegalArgumentException("memory limits must be positive");
        }
        Objects.requireNonNull(workerIdle, "workerIdle");
        Objects.requireNonNull(workerMaxBackoff, "workerMaxBackoff");
    }
}
