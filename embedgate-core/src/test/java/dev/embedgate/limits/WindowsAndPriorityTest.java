package dev.embedgate.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.call.FakeClock;
import dev.embedgate.call.Priority;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Limits over any window (on an injected clock, so no test sleeps), and background work held to its share. */
class WindowsAndPriorityTest {

    private static final RateLimit HF_FREE_TIER = new RateLimit(null, null, 1000L, null, null, null, null, null);

    @Test
    void honoursAnHourlyLimitOfAThousandRequests() throws InterruptedException {
        var clock = new FakeClock();
        ProviderRateLimiter limiter = BucketRateLimiter.local(HF_FREE_TIER, 1, clock);

        int admitted = 0;
        while (limiter.acquire(Priority.ONLINE, 0, Duration.ZERO)) {
            admitted++;
        }
        assertThat(admitted).as("a burst of the hour's budget less 5%% headroom").isEqualTo(950);

        clock.advance(Duration.ofSeconds(3));
        assertThat(limiter.acquire(Priority.ONLINE, 0, Duration.ZERO)).as("3 s refill less than one call").isFalse();
        clock.advance(Duration.ofMillis(600));
        assertThat(limiter.acquire(Priority.ONLINE, 0, Duration.ZERO)).as("one call every 3.6 s").isTrue();

        assertThat(limiter.acquire(Priority.ONLINE, 0, Duration.ofSeconds(10))).isTrue();
        assertThat(clock.slept()).as("waited on the clock for the next refill").isEqualTo(Duration.ofMillis(3600));

        clock.advance(Duration.ofHours(1));
        admitted = 0;
        while (limiter.acquire(Priority.ONLINE, 0, Duration.ZERO)) {
            admitted++;
        }
        assertThat(admitted).as("after an hour the burst is back, never more").isEqualTo(950);
    }

    @Test
    void everyWindowOfALimitHoldsAtOnce() throws InterruptedException {
        var clock = new FakeClock();
        var limit = new RateLimit(5L, null, 100L, null, null, null, null, null);
        ProviderRateLimiter limiter = BucketRateLimiter.local(limit, 1, clock);

        int admitted = 0;
        for (int second = 0; second < 60; second++) {
            while (limiter.acquire(Priority.ONLINE, 0, Duration.ZERO)) {
                admitted++;
            }
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(admitted).as("5 per second would allow 300 a minute; the hour's 100 (95 burst) caps it")
                .isBetween(95, 97);
    }

    @Test
    void backgroundWorkTakesNoMoreThanItsShareOfTheLimit() throws InterruptedException {
        var clock = new FakeClock();
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(600, null), 0.25, clock);

        int background = 0;
        long end = clock.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (clock.nanoTime() < end) {
            if (limiter.acquire(Priority.BACKGROUND, 0, Duration.ofSeconds(1))) {
                background++;
            }
        }

        // A quarter of 600 a minute over 10 minutes, plus the first burst (a quarter of the headroom-cut bucket).
        assertThat(background).isBetween(1400, 1500 + 143);
    }

    @Test
    void backgroundNeverTakesTheOnlineReserveEvenWhenItsOwnShareHasRoom() throws InterruptedException {
        var clock = new FakeClock();
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(600, null), 0.5, clock);
        for (int i = 0; i < 200; i++) {
            assertThat(limiter.acquire(Priority.ONLINE, 0, Duration.ZERO)).isTrue();
        }

        int background = 0;
        while (limiter.acquire(Priority.BACKGROUND, 0, Duration.ZERO)) {
            background++;
        }
        int online = 0;
        while (limiter.acquire(Priority.ONLINE, 0, Duration.ZERO)) {
            online++;
        }

        // The bucket holds 570: online took 200, and background, whose own share would allow 285, stopped at the
        // reserve of 285 kept for online requests.
        assertThat(background).isEqualTo(570 - 200 - 285);
        assertThat(online).isEqualTo(285);
    }

    @Test
    void aCallRefusedForTokensDoesNotSpendARequest() throws InterruptedException {
        var clock = new FakeClock();
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(20, 1000), 1, clock);
        assertThat(limiter.acquire(Priority.ONLINE, 900, Duration.ZERO)).isTrue();

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.acquire(Priority.ONLINE, 500, Duration.ZERO)).isFalse();
        }

        assertThat(limiter.availableRequests()).hasValue(19 - 1);
    }

    @Test
    void backgroundWaitsForItsShareInsteadOfFailingWhenItMayWait() throws InterruptedException {
        var clock = new FakeClock();
        ProviderRateLimiter limiter = BucketRateLimiter.local(RateLimit.perMinute(60, null), 0.5, clock);
        while (limiter.acquire(Priority.BACKGROUND, 0, Duration.ZERO)) {
            // spend the background share
        }

        assertThat(limiter.acquire(Priority.BACKGROUND, 0, Duration.ZERO)).isFalse();
        assertThat(limiter.acquire(Priority.BACKGROUND, 0, Duration.ofMinutes(1))).isTrue();
        assertThat(clock.slept()).as("the share refills one call every 2 s").isGreaterThan(Duration.ZERO)
                .isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void tokenQuotasCountOverTheirOwnWindow() throws InterruptedException {
        var clock = new FakeClock();
        var limit = new RateLimit(null, null, null, null, null, null, null, 10_000L);
        ProviderRateLimiter limiter = BucketRateLimiter.local(limit, 1, clock);

        assertThat(limiter.acquire(Priority.ONLINE, 9_000, Duration.ZERO)).isTrue();
        assertThat(limiter.acquire(Priority.ONLINE, 1_000, Duration.ZERO)).as("9,500 is the day's burst").isFalse();
        clock.advance(Duration.ofHours(12));
        assertThat(limiter.acquire(Priority.ONLINE, 1_000, Duration.ZERO)).isTrue();
    }
}
