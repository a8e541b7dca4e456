package dev.embedgate.resilience;

import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.space.EmbeddingSpace;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A provider behind its client-side rate limit, a circuit breaker and retries (Resilience4j). Each attempt: wait
 * for the rate limit, pass the breaker, call. Retries happen on 429, 5xx, timeouts, resets and invalid answers
 * (remote providers validate their own answers and report them as INVALID_RESPONSE), never on other 4xx, with
 * the provider's Retry-After honoured up to a cap, all within the policy's overall deadline. An open circuit fails at once so the route can fail over.
 */
public final class ResilientProvider implements EmbeddingProvider {

    private final EmbeddingProvider delegate;
    private final ResiliencePolicy policy;
    private final ProviderRateLimiter limiter;
    private final CircuitBreaker breaker;
    private final Backoff backoff;
    private final GatewayMetrics metrics;
    private volatile ProviderFailure lastFailure;

    public ResilientProvider(EmbeddingProvider delegate, ResiliencePolicy policy, ProviderRateLimiter limiter) {
        this(delegate, policy, limiter, GatewayMetrics.NONE);
    }

    /** @param metrics where retries and rate-limit waits are reported */
    public ResilientProvider(EmbeddingProvider delegate, ResiliencePolicy policy, ProviderRateLimiter limiter,
                             GatewayMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.policy = policy;
        this.limiter = limiter;
        this.backoff = new Backoff(policy);
        this.breaker = CircuitBreaker.of(delegate.name(), CircuitBreakerConfig.custom()
                .failureRateThreshold(policy.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.slidingWindowCalls())
                .minimumNumberOfCalls(policy.minimumCalls())
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // A refused request says nothing about the provider's health.
                .recordException(e -> !(e instanceof ProviderCallException call && call.kind() == Kind.REJECTED))
                .build());
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        int tokens = limiter.countsTokens() ? request.texts().stream().mapToInt(delegate::countTokens).sum() : 0;
        Retry retry = Retry.of(delegate.name(), RetryConfig.<ProviderResponse>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(failure -> failure instanceof ProviderCallException call && call.kind().retryable()
                        && System.nanoTime() < deadline)
                .intervalBiFunction((attempt, outcome) -> {
                    Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
                    metrics.retry(name(), failure instanceof ProviderCallException call
                            ? call.kind().name().toLowerCase(Locale.ROOT) : "other");
                    Duration wait = backoff.before(attempt, failure);
                    long remainingMillis = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
                    return Math.min(wait.toMillis(), remainingMillis);
                })
                .build());
        try {
            return retry.executeSupplier(() -> attempt(request, tokens, deadline));
        } catch (ProviderCallException e) {
            lastFailure = new ProviderFailure(Instant.now(), e.kind(), e.getMessage());
            throw e;
        }
    }

    private ProviderResponse attempt(ProviderRequest request, int tokens, long deadline) {
        Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
        if (remaining.isNegative() || remaining.isZero()) {
            throw new ProviderCallException(name(), Kind.TIMEOUT, 0, "the call's deadline of "
                    + policy.deadline().toSeconds() + " s passed");
        }
        acquire(tokens, remaining);
        try {
            return breaker.executeSupplier(() -> {
                try {
                    ProviderResponse response = delegate.embed(request);
                    if (response.upstreamPause() != null) {
                        limiter.pauseFor(response.upstreamPause());
                    }
                    return response;
                } catch (ProviderCallException e) {
                    if (e.kind() == Kind.RATE_LIMITED) {
                        limiter.pauseFor(e.retryAfter().orElse(Duration.ofSeconds(1)));
                    }
                    throw e;
                }
            });
        } catch (CallNotPermittedException e) {
            throw new ProviderCallException(name(), Kind.UNAVAILABLE, 0, null,
                    "circuit open after repeated failures; retrying in up to " + policy.openDuration().toSeconds() + " s", e);
        }
    }

    private void acquire(int tokens, Duration maxWait) {
        long start = System.nanoTime();
        try {
            boolean admitted = limiter.acquire(tokens, maxWait);
            if (limiter != ProviderRateLimiter.UNLIMITED) {
                metrics.rateLimitWait(name(), System.nanoTime() - start);
            }
            if (!admitted) {
                throw new ProviderCallException(name(), Kind.THROTTLED, 0, null,
                        "client-side rate limit: no room for this call before its deadline", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderCallException(name(), Kind.UNAVAILABLE, 0, null, "interrupted while rate-limited", e);
        }
    }

    /** The breaker's state, for status and tests. */
    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public EmbeddingSpace space() {
        return delegate.space();
    }

    @Override
    public ProviderLimits limits() {
        return delegate.limits();
    }

    @Override
    public BigDecimal usdPerMillionTokens() {
        return delegate.usdPerMillionTokens();
    }

    @Override
    public int countTokens(String text) {
        return delegate.countTokens(text);
    }

    @Override
    public boolean ready() {
        return delegate.ready() && breaker.getState() != CircuitBreaker.State.OPEN;
    }

    @Override
    public boolean reachable() {
        return breaker.getState() != CircuitBreaker.State.OPEN && delegate.reachable();
    }

    @Override
    public boolean hasApiKey() {
        return delegate.hasApiKey();
    }

    /** Calls its client-side rate limit would admit now; empty when it has none. */
    public OptionalLong rateLimitHeadroom() {
        return limiter.availableRequests();
    }

    /** The last failure a call ended with (after its retries), or null if none has failed. */
    public ProviderFailure lastFailure() {
        return lastFailure;
    }

    /**
     * @param at      when it happened
     * @param kind    what kind of failure it was
     * @param message what the provider said, cleaned of credentials
     */
    public record ProviderFailure(Instant at, ProviderCallException.Kind kind, String message) {
    }

    @Override
    public void warmUp() {
        delegate.warmUp();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
