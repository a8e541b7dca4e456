package dev.embedgate.limits;

import java.time.Duration;
import java.util.OptionalLong;

/** Client-side admission of calls to one provider, so that EmbedGate stays within the provider's limits. */
public interface ProviderRateLimiter {

    /**
     * Waits until a call carrying {@code tokens} fits the budget, at most {@code maxWait}.
     *
     * @return false if it would not fit within {@code maxWait} (nothing is consumed then)
     */
    boolean acquire(int tokens, Duration maxWait) throws InterruptedException;

    /** The provider answered 429: admit nothing for this long (upstream feedback). */
    void pauseFor(Duration pause);

    /** Calls that would be admitted now without waiting; empty when calls are not limited. */
    default OptionalLong availableRequests() {
        return OptionalLong.empty();
    }

    /** Whether {@link #acquire} uses the token count (callers skip counting when it does not). */
    default boolean countsTokens() {
        return true;
    }

    /** Never waits. */
    ProviderRateLimiter UNLIMITED = new ProviderRateLimiter() {
        @Override
        public boolean acquire(int tokens, Duration maxWait) {
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
