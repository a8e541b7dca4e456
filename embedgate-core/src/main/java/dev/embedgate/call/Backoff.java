package dev.embedgate.call;

import dev.embedgate.provider.ProviderCallException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between attempts: the provider's Retry-After (capped) when it gave one, else exponential full jitter. */
final class Backoff {

    private final ResiliencePolicy policy;

    Backoff(ResiliencePolicy policy) {
        this.policy = policy;
    }

    /** @param retry 1 for the wait before the second attempt */
    Duration before(int retry, Throwable failure) {
        if (failure instanceof ProviderCallException call && call.retryAfter().isPresent()) {
            Duration asked = call.retryAfter().get();
            return asked.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : asked;
        }
        long ceiling = Math.min(policy.maxBackoff().toMillis(), policy.initialBackoff().toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
