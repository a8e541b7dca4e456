package dev.embedgate.call;

import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one way every call to one provider is made, whatever the capability and whether the provider is remote or
 * local. Each attempt: wait for the client-side rate limit (background work within its share), pass the circuit
 * breaker, call. Retries (Resilience4j) happen on the retryable failure kinds (429, 5xx, timeouts, resets, invalid
 * answers), never on a refused request or bad credentials, with the provider's Retry-After honoured up to a cap,
 * all within the policy's overall deadline. An open circuit fails at once so the route can fail over.
 *
 * <p>The breaker and the retry come from the gateway's registries and are built once; a call allocates nothing
 * of theirs. Waits (backoff, rate limits, pauses) go through the {@link CallClock}. A call that fails after its
 * retries is kept as the {@link #lastFailure()} and told to the {@link FailureLog}; the breaker's changes go to the
 * {@link CircuitLog}. Thread-safe.
 */
public final class ResilientCallPath {

    /** The running call's deadline and next backoff: Resilience4j runs a call's attempts on the caller's thread. */
    private static final ThreadLocal<CallState> CURRENT = new ThreadLocal<>();

    private static final class CallState {
        final ResilientCallPath path;
        final long deadlineNanos;
        /** When the last attempt must have started by: every wait before one (backoff, rate limit) ends by then. */
        final long startByNanos;
        final Duration startWithin;
        Duration backoff = Duration.ZERO;
        /** The last attempt's failure, and whether the wait before another would pass the start-by time. */
        ProviderCallException lastFailure;
        boolean outOfTime;

        CallState(ResilientCallPath path, long now, Duration startWithin) {
            this.path = path;
            this.deadlineNanos = now + path.policy.deadline().toNanos();
            this.startByNanos = Math.min(deadlineNanos, now + startWithin.toNanos());
            this.startWithin = startWithin;
        }
    }

    private final String provider;
    private final ResiliencePolicy policy;
    private final ProviderRateLimiter limiter;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final CallClock clock;
    private final GatewayMetrics metrics;
    private final Backoff backoff;
    private final FailureLog failureLog;
    private volatile ProviderFailure lastFailure;

    ResilientCallPath(String provider, ResiliencePolicy policy, ProviderRateLimiter limiter, CircuitBreaker breaker,
                      Retry retry, CallClock clock, GatewayMetrics metrics, FailureLog failureLog) {
        this.provider = provider;
        this.policy = policy;
        this.limiter = limiter;
        this.breaker = breaker;
        this.retry = retry;
        this.clock = clock;
        this.metrics = metrics;
        this.backoff = new Backoff(policy);
        this.failureLog = failureLog;
    }

    /** Whether Resilience4j should try again after this failure: a retryable kind, with time left. */
    static boolean retryable(Throwable failure) {
        CallState state = CURRENT.get();
        if (state == null || !(failure instanceof ProviderCallException call)) {
            return false;
        }
        state.lastFailure = call;
        return call.kind().retryable() && !state.outOfTime && state.path.clock.nanoTime() < state.startByNanos;
    }

    /**
     * How long Resilience4j waits before retry {@code attempt}: nothing, since the wait is noted for the next
     * attempt to sleep on the call clock (Resilience4j's own sleep cannot be given a clock).
     */
    static long backoffBefore(int attempt, Throwable failure) {
        CallState state = CURRENT.get();
        ResilientCallPath path = state.path;
        path.metrics.retry(path.provider, failure instanceof ProviderCallException call
                ? call.kind().wireName() : "other");
        Duration wait = path.backoff.before(attempt, failure);
        long remaining = state.startByNanos - path.clock.nanoTime();
        // A wait that would end at or past the start-by time (at the latest, the deadline) is not made: the call ends
        // with the failure itself (a 429 stays a 429 with its Retry-After), not with a timeout after waiting it out.
        state.outOfTime = wait.toNanos() >= remaining;
        state.backoff = state.outOfTime ? Duration.ZERO : wait;
        return 0;
    }

    /**
     * The time left before the deadline of the call running on this thread, so that one attempt (an HTTP
     * exchange, a wait for local inference) never outlasts its call; empty outside a call.
     */
    public static Optional<Duration> timeLeft() {
        CallState state = CURRENT.get();
        return state == null ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, state.deadlineNanos - state.path.clock.nanoTime())));
    }

    /** Whether the path was made with these settings. */
    boolean matches(ResiliencePolicy otherPolicy, ProviderRateLimiter otherLimiter) {
        return policy.equals(otherPolicy) && limiter == otherLimiter;
    }

    /**
     * Runs the call through limits, breaker and retries.
     *
     * @param priority online, or background work held to its share of the limits
     * @param tokens   input tokens the call carries, for token limits (0 when {@link #countsTokens()} is false)
     * @throws ProviderCallException when every attempt failed, the circuit is open, or the limits leave no room
     *                               before the deadline
     */
    public <T> T call(Priority priority, int tokens, UpstreamCall<T> call) {
        return call(priority, tokens, policy.deadline(), call);
    }

    /**
     * Runs the call as {@link #call(Priority, int, UpstreamCall)}, but no attempt starts later than {@code startWithin}
     * after now: a wait for the rate limit or a backoff that would end later is not made, and the call fails at once
     * (with {@code THROTTLED}, or the last attempt's failure), so that its caller can fail over. An attempt that has
     * started may still run to the policy's deadline (a streamed answer's whole length).
     *
     * @param startWithin at most the policy's deadline (a longer one changes nothing)
     */
    public <T> T call(Priority priority, int tokens, Duration startWithin, UpstreamCall<T> call) {
        CallState outer = CURRENT.get();
        CURRENT.set(new CallState(this, clock.nanoTime(), startWithin));
        try {
            T answer = retry.executeSupplier(() -> attempt(priority, tokens, call));
            failureLog.served();
            return answer;
        } catch (ProviderCallException e) {
            ProviderFailure failure = ProviderFailure.of(e, Instant.now());
            lastFailure = failure;
            failureLog.failed(failure);
            throw e;
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    private <T> T attempt(Priority priority, int tokens, UpstreamCall<T> call) {
        CallState state = CURRENT.get();
        if (state.outOfTime) {
            throw state.lastFailure;
        }
        try {
            clock.sleep(state.backoff);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        long remaining = state.startByNanos - clock.nanoTime();
        if (remaining <= 0) {
            throw new ProviderCallException(provider, Kind.TIMEOUT, 0, state.startByNanos < state.deadlineNanos
                    ? "no attempt could start within " + state.startWithin.toMillis() + " ms"
                    : "the call's deadline of " + policy.deadline().toSeconds() + " s passed");
        }
        acquire(priority, tokens, Duration.ofNanos(remaining));
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return call.attempt(limiter::pauseFor);
                } catch (ProviderCallException e) {
                    if (e.kind() == Kind.RATE_LIMITED) {
                        limiter.pauseFor(e.retryAfter().orElse(Duration.ofSeconds(1)));
                    }
                    throw e;
                } catch (EmbedGateException e) {
                    throw e; // the caller's own input, found by the provider: not a provider fault
                } catch (RuntimeException e) {
                    // A provider that breaks unexpectedly is a failing provider: counted, retried, failed over.
                    throw new ProviderCallException(provider, Kind.SERVER_ERROR, 0, null,
                            "the provider failed unexpectedly: " + e, e);
                }
            });
        } catch (CallNotPermittedException e) {
            throw new ProviderCallException(provider, Kind.UNAVAILABLE, 0, null,
                    "circuit open after repeated failures; retrying in up to " + policy.openDuration().toSeconds() + " s", e);
        }
    }

    private void acquire(Priority priority, int tokens, Duration maxWait) {
        if (limiter == ProviderRateLimiter.UNLIMITED) {
            return;
        }
        long start = clock.nanoTime();
        try {
            boolean admitted = limiter.acquire(priority, tokens, maxWait);
            metrics.rateLimitWait(provider, clock.nanoTime() - start);
            if (!admitted) {
                throw new ProviderCallException(provider, Kind.THROTTLED, 0, null, priority == Priority.BACKGROUND
                        ? "client-side rate limit: background work's share has no room for this call before its deadline"
                        : "client-side rate limit: no room for this call before its deadline", null);
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private RequestCancelledException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new RequestCancelledException("the request was cancelled while it waited to call " + provider, e);
    }

    /** The provider this path guards. */
    public String provider() {
        return provider;
    }

    /** Whether the limiter uses token counts (callers skip counting when it does not). */
    public boolean countsTokens() {
        return limiter.countsTokens();
    }

    /** Whether calls pass the breaker now (its circuit is not open). */
    public boolean admitsCalls() {
        return breaker.getState() != CircuitBreaker.State.OPEN;
    }

    /** The breaker's state, for status and tests. */
    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** The client-side rate limit calls keep to, and background work's share of it. */
    public ProviderRateLimiter limiter() {
        return limiter;
    }

    /** Calls the client-side rate limit would admit now; empty when it has none. */
    public OptionalLong rateLimitHeadroom() {
        return limiter.availableRequests();
    }

    /** The last failure a call ended with (after its retries), or null if none has failed. */
    public ProviderFailure lastFailure() {
        return lastFailure;
    }
}
