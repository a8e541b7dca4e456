package dev.embedgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** In-process client-side limits: requests and tokens per minute, and pauses after an upstream 429. */
class BucketRateLimiterTest {

    @Test
    void admitsABurstOfTheMinutesBudgetLessTheHeadroomThenRefusesWithinTheWait() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(100, null));
        for (int i = 0; i < 95; i++) {
            assertThat(limiter.acquire(1, Duration.ZERO)).as("call %d", i).isTrue();
        }
        assertThat(limiter.acquire(1, Duration.ofMillis(50))).isFalse();
    }

    @Test
    void keepsFivePercentHeadroomButNeverLessThanOneCallOfABudget() {
        assertThat(BucketRateLimiter.capacity(600)).isEqualTo(570);
        assertThat(BucketRateLimiter.capacity(10)).isEqualTo(9);
        assertThat(BucketRateLimiter.capacity(1)).isEqualTo(1);
    }

    @Test
    void refillsAtTheFullRateDespiteTheHeadroom() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(6000, null)); // 100 per second
        while (limiter.acquire(1, Duration.ZERO)) {
            // drain the burst
        }
        Thread.sleep(1000);
        int admitted = 0;
        while (limiter.acquire(1, Duration.ZERO)) {
            admitted++;
        }
        // A second refills 100 calls at the full rate; 95 if the headroom had cut the rate too.
        assertThat(admitted).isBetween(100, 150);
    }

    @Test
    void waitsForTheBucketToRefillWhenAllowedTo() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(600, null)); // one every 100 ms
        while (limiter.acquire(1, Duration.ZERO)) {
            // drain the burst
        }
        long start = System.nanoTime();
        assertThat(limiter.acquire(1, Duration.ofSeconds(2))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void countsTokens() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(null, 1000)); // a burst of 950
        assertThat(limiter.acquire(900, Duration.ZERO)).isTrue();
        assertThat(limiter.acquire(100, Duration.ofMillis(50))).isFalse();
        assertThat(limiter.acquire(50, Duration.ZERO)).isTrue();
    }

    @Test
    void aCallLargerThanTheWholeBudgetWaitsForAFullBucketInsteadOfNeverPassing() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(null, 1000));
        assertThat(limiter.acquire(5000, Duration.ZERO)).isTrue();
    }

    @Test
    void upstream429PausesAdmission() throws InterruptedException {
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(1000, null));
        limiter.pauseFor(Duration.ofMillis(300));

        assertThat(limiter.acquire(1, Duration.ofMillis(100))).isFalse();
        long start = System.nanoTime();
        assertThat(limiter.acquire(1, Duration.ofSeconds(1))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }
}
