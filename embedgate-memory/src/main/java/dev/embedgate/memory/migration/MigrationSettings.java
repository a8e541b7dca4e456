package dev.embedgate.memory.migration;

import java.time.Duration;

/**
 * How this instance runs migrations.
 *
 * @param workers          threads per running migration in this instance (embedding one batch while another is
 *                         stored keeps the provider busy)
 * @param lease            how long a worker holds memories it claimed; another takes them over after it (a dead
 *                         instance's work is picked up then)
 * @param poll             how often the instance looks for migrations started, paused or resumed elsewhere
 * @param maxAttempts      tries of a memory the provider refuses before it is listed as failed
 * @param retryBackoff     the wait before a failed memory's second try, doubled per try after it
 * @param maxOutageBackoff the longest wait between tries of a target space whose providers are down
 */
public record MigrationSettings(int workers, Duration lease, Duration poll, int maxAttempts, Duration retryBackoff,
                                Duration maxOutageBackoff) {

    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final double DEFAULT_RATE_SHARE = 0.5;
    public static final MigrationSettings DEFAULTS = new MigrationSettings(2, Duration.ofMinutes(2),
            Duration.ofSeconds(1), 4, Duration.ofSeconds(2), Duration.ofMinutes(1));

    public MigrationSettings {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("migration workers must be 1..64, was " + workers);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a memory must be tried at least once");
        }
        requirePositive(lease, "lease");
        requirePositive(poll, "poll");
        requirePositive(retryBackoff, "retryBackoff");
        requirePositive(maxOutageBackoff, "maxOutageBackoff");
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("migration " + name + " must be positive");
        }
    }
}
