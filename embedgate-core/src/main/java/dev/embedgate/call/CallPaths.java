package dev.embedgate.call;

import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.Provider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the call path of each provider, once, from Resilience4j registries shared by the gateway (one breaker and
 * one retry per provider, never one per call). Status and metrics read a provider's breaker and limiter through
 * its {@link Guarded#path()}; the log gets every change of its circuit and a rate-limited account of its failed
 * calls. Thread-safe.
 */
public final class CallPaths {

    /** How often a failing provider's failures are summed up in the log, unless configured otherwise. */
    public static final Duration DEFAULT_FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private final Map<String, ResilientCallPath> paths = new ConcurrentHashMap<>();
    private final CallClock clock;
    private final GatewayMetrics metrics;
    private final Duration failureLogInterval;

    /** @param failureLogInterval at most one line per provider per this interval tells of its failed calls */
    public CallPaths(CallClock clock, GatewayMetrics metrics, Duration failureLogInterval) {
        if (!failureLogInterval.isPositive()) {
            throw new IllegalArgumentException("the failure log interval must be positive, was " + failureLogInterval);
        }
        this.clock = clock;
        this.metrics = metrics;
        this.failureLogInterval = failureLogInterval;
    }

    /** Paths on the system clock that report nowhere but the log: for tests and one-shot tools. */
    public static CallPaths standalone() {
        return new CallPaths(CallClock.SYSTEM, GatewayMetrics.NONE, DEFAULT_FAILURE_LOG_INTERVAL);
    }

    /**
     * The path of the named provider, made on first request.
     *
     * @throws IllegalStateException when the provider already has a path made with other settings
     */
    public ResilientCallPath forProvider(String provider, ResiliencePolicy policy, ProviderRateLimiter limiter) {
        ResilientCallPath path = paths.computeIfAbsent(provider, name -> build(name, policy, limiter));
        if (!path.matches(policy, limiter)) {
            throw new IllegalStateException("provider '" + provider + "' already has a call path with other settings");
        }
        return path;
    }

    /** The provider behind its call path (made on first request, see {@link #forProvider}). */
    public <P extends Provider> Guarded<P> guard(P provider, ResiliencePolicy policy, ProviderRateLimiter limiter) {
        return new Guarded<>(provider, forProvider(provider.name(), policy, limiter));
    }

    /** The provider behind a call path with the default policy and no rate limit (local models, fallbacks). */
    public <P extends Provider> Guarded<P> guard(P provider) {
        return guard(provider, ResiliencePolicy.DEFAULT, ProviderRateLimiter.UNLIMITED);
    }

    private ResilientCallPath build(String provider, ResiliencePolicy policy, ProviderRateLimiter limiter) {
        CircuitBreaker breaker = breakers.circuitBreaker(provider, CircuitBreakerConfig.custom()
                .failureRateThreshold(policy.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.slidingWindowCalls())
                .minimumNumberOfCalls(policy.minimumCalls())
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // A long call is no sign of trouble (a streamed chat answer may take minutes): only failures count.
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .clock(clock.asClock())
                // Only provider faults count, as failures; neither a request refused as sent (or a caller's bad input
                // found by a local model) nor a full local queue says anything about the provider's health, so
                // they count as nothing at all (not as successes that would close a half-open circuit).
                .recordException(e -> e instanceof ProviderCallException)
                .ignoreException(e -> !(e instanceof ProviderCallException)
                        || ((ProviderCallException) e).kind() == Kind.REJECTED
                        || ((ProviderCallException) e).kind() == Kind.OVERLOADED)
                .build());
        Retry retry = retries.retry(provider, RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(ResilientCallPath::retryable)
                .intervalBiFunction((attempt, outcome) -> ResilientCallPath.backoffBefore(attempt,
                        outcome.isLeft() ? outcome.getLeft() : null))
                .build());
        var circuitLog = new CircuitLog(provider, policy);
        breaker.getEventPublisher().onStateTransition(event -> circuitLog.changed(event.getStateTransition(),
                breaker.getMetrics()));
        return new ResilientCallPath(provider, policy, limiter, breaker, retry, clock, metrics,
                new FailureLog(provider, clock, failureLogInterval));
    }
}
