package dev.embedgate.testkit.fault;

/**
 * Why a call was refused for its rate.
 *
 * @param limitType        {@code requests} or {@code tokens}
 * @param limit            the per-minute limit that was hit, or 0 for a scripted 429 (no limit involved)
 * @param remaining        what was left of it
 * @param requested        what the call asked for (1 request, or its tokens)
 * @param retryAfterMillis when the call would fit again
 * @param tooLarge         the call alone is over the per-minute limit: waiting will never help
 */
public record RateLimitVerdict(String limitType, long limit, long remaining, long requested, long retryAfterMillis,
                               boolean tooLarge) {

    /** {@code retry-after} in whole seconds, rounded up (at least 1). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfterMillis + 999) / 1000);
    }

    /** A 429 the fault script asked for, not one earned by exceeding a limit. */
    public static RateLimitVerdict scripted(long retryAfterSeconds) {
        return new RateLimitVerdict("requests", 0, 0, 1, retryAfterSeconds * 1000, false);
    }

    /** Whether a configured limit was hit (false for a scripted 429). */
    public boolean limitKnown() {
        return limit > 0;
    }
}
