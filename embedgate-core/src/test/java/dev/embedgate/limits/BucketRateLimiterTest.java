package dev.embedgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** In-process client-side limits: requests and tokens per minute, and pauses after an upstream 429. */
class BucketRateLimiterTest {

    @Test
    void admitsUpToTheRequestsPerMinuteThenRefusesWithinTheWait() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(new RateLimit(5, null));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(1, Duration.ZERO)).isTrue();
        }
        assertThat(limiter.acquire(1, Duration.ofMillis(50))).isFalse();
    }

    @Test
    void waitsForTheBucketToRefillWhenAllowedTo() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(new RateLimit(600, null)); // one every 100 ms
        for (int i = 0; i < 600; i++) {
            limiter.acquire(1, Duration.ZERO);
        }
        long start = System.nanoTime();
        assertThat(limiter.acquire(1, Duration.ofSeconds(2))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void countsTokens() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(new RateLimit(null, 1000));
        assertThat(limiter.acquire(900, Duration.ZERO)).isTrue();
        assertThat(limiter.acquire(200, Duration.ofMillis(50))).isFalse();
        assertThat(limiter.acquire(100, Duration.ZERO)).isTrue();
    }

    @Test
    void aCallLargerThanTheWholeBudgetWaitsForAFullBucketInsteadOfNeverPassing() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(new RateLimit(null, 1000));
        assertThat(limiter.acquire(5000, Duration.ZERO)).isTrue();
    }

    @Test
    void upstream429PausesAdmission() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(new RateLimit(1000, null));
        limiter.pauseFor(Duration.ofMillis(300));

        assertThat(limiter.acquire(1, Duration.ofMillis(100))).isFalse();
        long start = System.nanoTime();
        assertThat(limiter.acquire(1, Duration.ofSeconds(1))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }
}
