package dev.embedgate.limits;

import dev.embedgate.call.Priority;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Client-side admission of calls to one provider, so that EmbedGate stays within the provider's limits, and
 * background work within its share of them. Implementations are thread-safe.
 */
public interface ProviderRateLimiter {

    /**
     * Waits until a call carrying {@code tokens} fits the budget (for background work: its share, without
     * dipping into what is kept for online requests), at most {@code maxWait}.
     *
     * @return false if it would not fit within {@code maxWait}
     */
    boolean acquire(Priority priority, int tokens, Duration maxWait) throws InterruptedException;

    /** An online call, as {@link #acquire(Priority, int, Duration)}. */
    default boolean acquire(int tokens, Duration maxWait) throws InterruptedException {
        return acquire(Priority.ONLINE, tokens, maxWait);
    }

    /** The provider said its budget is used up (a 429, rate-limit headers): admit nothing for this long. */
    void pauseFor(Duration pause);

    /** Calls that would be admitted now without waiting; empty when calls are not limited. */
    default OptionalLong availableRequests() {
        return OptionalLong.empty();
    }

    /** The limits it enforces ({@link RateLimit#UNLIMITED} when none): what a migration plans its duration by. */
    default RateLimit limit() {
        return RateLimit.UNLIMITED;
    }

    /** The part of {@link #limit()} background work may use, in (0, 1]. */
    default double backgroundShare() {
        return 1;
    }

    /** Whether {@link #acquire} uses the token count (callers skip counting when it does not). */
    default boolean countsTokens() {
        return true;
    }

    /** Never waits. */
    ProviderRateLimiter UNLIMITED = new ProviderRateLimiter() {
        @Override
        public boolean acquire(Priority priority, int tokens, Duration maxWait) {
            return true;
        }

        @Override
        public void pauseFor(Duration pause) {
        }

        @Override
        public boolean countsTokens() {
            return false;
        }
    };
}
