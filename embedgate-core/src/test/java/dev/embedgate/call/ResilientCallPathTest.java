package dev.embedgate.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.limits.BucketRateLimiter;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.limits.RateLimit;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.space.InputType;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries, Retry-After, deadlines and the circuit breaker around one provider. */
class ResilientCallPathTest {

    private static final ProviderRequest REQUEST = new ProviderRequest(List.of("a text"), InputType.DOCUMENT, true);
    private static final ResiliencePolicy FAST = new ResiliencePolicy(4, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(2), Duration.ofSeconds(10), 50, 4, 4, Duration.ofMillis(300), 1);

    private static CallPaths paths(FakeClock clock) {
        return new CallPaths(clock, GatewayMetrics.NONE, CallPaths.DEFAULT_FAILURE_LOG_INTERVAL);
    }

    private static Guarded<ScriptedProvider> guard(ScriptedProvider provider, ResiliencePolicy policy) {
        return CallPaths.standalone().guard(provider, policy, ProviderRateLimiter.UNLIMITED);
    }

    private static ProviderResponse embed(Guarded<ScriptedProvider> guarded) {
        return guarded.path().call(Priority.ONLINE, 0, feedback -> guarded.provider().embed(REQUEST));
    }

    @Test
    void aRetryAfterThatWouldPassTheDeadlineEndsTheCallWithTheRateLimitNotATimeout() {
        var clock = new FakeClock();
        var provider = new ScriptedProvider("remote");
        provider.thenFail(() -> new ProviderCallException("remote", Kind.RATE_LIMITED, 429, Duration.ofSeconds(30),
                "come back in 30 s", null));
        provider.thenFail(() -> new ProviderCallException("remote", Kind.RATE_LIMITED, 429, Duration.ofSeconds(30),
                "come back in 30 s", null));
        var guarded = paths(clock).guard(provider,
                ResiliencePolicy.DEFAULT, ProviderRateLimiter.UNLIMITED);

        var failure = catchThrowableOfType(ProviderCallException.class, () -> embed(guarded));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).hasValue(Duration.ofSeconds(30));
        assertThat(provider.calls()).as("the second 30 s wait would have reached the 60 s deadline").isEqualTo(2);
        assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aCallThatMustStartSoonFailsAtOnceWhenTheRateLimitHasNoRoomInTimeWhereAPlainCallWaits() {
        var clock = new FakeClock();
        var provider = new ScriptedProvider("remote");
        var guarded = paths(clock).guard(provider, ResiliencePolicy.DEFAULT,
                BucketRateLimiter.local(RateLimit.perMinute(1, null), 1, clock));
        embed(guarded);

        var failure = catchThrowableOfType(ProviderCallException.class, () -> guarded.path().call(Priority.ONLINE, 0,
                Duration.ofSeconds(1), feedback -> guarded.provider().embed(REQUEST)));

        assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(clock.slept()).as("the next call is admitted a minute later: no wait was made").isZero();
        assertThat(provider.calls()).isEqualTo(1);

        embed(guarded);
        assertThat(clock.slept()).as("without a time to start, the call waits for room within its 60 s deadline")
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(provider.calls()).isEqualTo(2);
    }

    @Test
    void aCallThatMustStartSoonMakesNoBackoffThatEndsLaterAndEndsWithTheFailure() {
        var clock = new FakeClock();
        var provider = new ScriptedProvider("remote");
        provider.thenFail(() -> new ProviderCallException("remote", Kind.RATE_LIMITED, 429, Duration.ofSeconds(5),
                "come back in 5 s", null));
        var guarded = paths(clock).guard(provider, ResiliencePolicy.DEFAULT, ProviderRateLimiter.UNLIMITED);

        var failure = catchThrowableOfType(ProviderCallException.class, () -> guarded.path().call(Priority.ONLINE, 0,
                Duration.ofSeconds(2), feedback -> guarded.provider().embed(REQUEST)));

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(provider.calls()).isEqualTo(1);
        assertThat(clock.slept()).isZero();

        provider.thenFail(() -> new ProviderCallException("remote", Kind.RATE_LIMITED, 429, Duration.ofSeconds(5),
                "come back in 5 s", null));
        ProviderResponse answer = guarded.path().call(Priority.ONLINE, 0, Duration.ofSeconds(10),
                feedback -> guarded.provider().embed(REQUEST));
        assertThat(answer.vectors()).hasSize(1);
        assertThat(clock.slept()).as("a backoff that ends in time is made").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anOpenCircuitProbesAgainOnceItsOpenDurationHasPassedOnTheCallClock() {
        var clock = new FakeClock();
        var noRetry = new ResiliencePolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 50, 4, 4, Duration.ofSeconds(30), 1);
        var provider = new ScriptedProvider("remote").thenFail(Kind.SERVER_ERROR, 4);
        var guarded = paths(clock).guard(provider, noRetry,
                ProviderRateLimiter.UNLIMITED);
        for (int i = 0; i < 4; i++) {
            catchThrowableOfType(ProviderCallException.class, () -> embed(guarded));
        }
        assertThat(guarded.path().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        clock.advance(Duration.ofSeconds(29));
        assertThat(catchThrowableOfType(ProviderCallException.class, () -> embed(guarded)).kind())
                .isEqualTo(Kind.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(2));
        embed(guarded);

        assertThat(guarded.path().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(provider.calls()).isEqualTo(5);
    }

    @Test
    void aRefusedRequestNeitherOpensNorClosesTheCircuit() {
        var clock = new FakeClock();
        var noRetry = new ResiliencePolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 50, 4, 4, Duration.ofSeconds(30), 1);
        var provider = new ScriptedProvider("remote").thenFail(Kind.SERVER_ERROR, 4).thenFail(Kind.REJECTED, 1);
        var guarded = paths(clock).guard(provider, noRetry,
                ProviderRateLimiter.UNLIMITED);
        for (int i = 0; i < 4; i++) {
            catchThrowableOfType(ProviderCallException.class, () -> embed(guarded));
        }
        clock.advance(Duration.ofSeconds(31));

        catchThrowableOfType(ProviderCallException.class, () -> embed(guarded));

        assertThat(guarded.path().circuitState()).as("a 400 is no proof the provider recovered")
                .isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void retriesServerErrorsAndTimeoutsAndResetsThenSucceeds() {
        var provider = new ScriptedProvider("remote").thenFail(Kind.SERVER_ERROR, 1).thenFail(Kind.TIMEOUT, 1)
                .thenFail(Kind.CONNECTION, 1);

        var response = embed(guard(provider, FAST));

        assertThat(response.vectors()).hasSize(1);
        assertThat(provider.calls()).isEqualTo(4);
    }

    @Test
    void retriesAnInvalidAnswer() {
        var provider = new ScriptedProvider("remote").thenFail(Kind.INVALID_RESPONSE, 2);

        embed(guard(provider, FAST));

        assertThat(provider.calls()).isEqualTo(3);
    }

    @Test
    void neverRetriesARejectedRequestOrBadCredentials() {
        for (Kind kind : List.of(Kind.REJECTED, Kind.UNAUTHORIZED)) {
            var provider = new ScriptedProvider("remote").thenFail(kind, 1);

            var failure = catchThrowableOfType(ProviderCallException.class,
                    () -> embed(guard(provider, FAST)));

            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(provider.calls()).as("calls for %s", kind).isEqualTo(1);
        }
    }

    @Test
    void givesUpAfterMaxAttempts() {
        var provider = new ScriptedProvider("remote").always(Kind.SERVER_ERROR);

        var failure = catchThrowableOfType(ProviderCallException.class,
                () -> embed(guard(provider, FAST)));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(provider.calls()).isEqualTo(4);
    }

    @Test
    void waitsWhatRetryAfterAsksBeforeTheNextAttempt() {
        var provider = new ScriptedProvider("remote").thenFail(() -> new ProviderCallException("remote",
                Kind.RATE_LIMITED, 429, Duration.ofMillis(400), "slow down", null));

        long start = System.nanoTime();
        embed(guard(provider, FAST));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(provider.calls()).isEqualTo(2);
    }

    @Test
    void retryAfterIsCappedByThePolicy() {
        var provider = new ScriptedProvider("remote").thenFail(() -> new ProviderCallException("remote",
                Kind.RATE_LIMITED, 429, Duration.ofHours(1), "come back in an hour", null));

        long start = System.nanoTime();
        embed(guard(provider, FAST));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void stopsRetryingAtTheDeadline() {
        var policy = new ResiliencePolicy(100, Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ofMillis(300), 50, 1000, 1000, Duration.ofSeconds(1), 1);
        var provider = new ScriptedProvider("remote").always(Kind.SERVER_ERROR);

        long start = System.nanoTime();
        catchThrowableOfType(ProviderCallException.class,
                () -> embed(guard(provider, policy)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
        assertThat(provider.calls()).isGreaterThan(1);
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndFailsFastWithoutCallingTheProvider() {
        var noRetry = new ResiliencePolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 50, 4, 4, Duration.ofSeconds(30), 1);
        var provider = new ScriptedProvider("remote").always(Kind.SERVER_ERROR);
        var resilient = guard(provider, noRetry);
        for (int i = 0; i < 4; i++) {
            catchThrowableOfType(ProviderCallException.class, () -> embed(resilient));
        }
        assertThat(resilient.path().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        var failure = catchThrowableOfType(ProviderCallException.class, () -> embed(resilient));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure).hasMessageContaining("circuit open");
        assertThat(provider.calls()).isEqualTo(4);
        assertThat(resilient.ready()).isFalse();
    }

    @Test
    void openCircuitLetsAProbeThroughAfterItsWaitAndClosesWhenItSucceeds() throws InterruptedException {
        var noRetry = new ResiliencePolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 50, 4, 4, Duration.ofMillis(200), 1);
        var provider = new ScriptedProvider("remote").thenFail(Kind.SERVER_ERROR, 4);
        var resilient = guard(provider, noRetry);
        for (int i = 0; i < 4; i++) {
            catchThrowableOfType(ProviderCallException.class, () -> embed(resilient));
        }
        assertThat(resilient.path().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        Thread.sleep(250);
        embed(resilient);

        assertThat(resilient.path().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(provider.calls()).isEqualTo(5);
    }

    @Test
    void rejectedRequestsDoNotOpenTheCircuit() {
        var noRetry = new ResiliencePolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 50, 4, 4, Duration.ofSeconds(30), 1);
        var provider = new ScriptedProvider("remote").always(Kind.REJECTED);
        var resilient = guard(provider, noRetry);

        for (int i = 0; i < 8; i++) {
            catchThrowableOfType(ProviderCallException.class, () -> embed(resilient));
        }

        assertThat(resilient.path().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
