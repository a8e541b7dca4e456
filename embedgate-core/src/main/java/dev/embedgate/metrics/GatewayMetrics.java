package dev.embedgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;

/**
 * What the pipeline reports to Micrometer, under names that say what they count. The server exports them on
 * {@code /metrics} (Prometheus); {@link #NONE} reports nowhere. Meter names never carry secrets: providers are
 * named by their configured names, callers by their key ids. Thread-safe.
 */
public final class GatewayMetrics {

    /** Reports nowhere (a registry with no backend: every meter is a no-op). */
    public static final GatewayMetrics NONE = new GatewayMetrics(new CompositeMeterRegistry());

    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /**
     * One provider call as the pipeline saw it, retries included.
     *
     * @param outcome {@code ok}, or the failure's kind ({@code server_error}, {@code rate_limited}, ...)
     */
    public void upstreamCall(String provider, String outcome, long nanos) {
        Timer.builder("embedgate.upstream.calls").description("provider calls, retries included, by outcome")
                .tag("provider", provider).tag("outcome", outcome)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** One more attempt of a provider call after a failure of this kind. */
    public void retry(String provider, String failureKind) {
        Counter.builder("embedgate.upstream.retries").description("attempts repeated after a failure")
                .tag("provider", provider).tag("kind", failureKind).register(registry).increment();
    }

    /** Inputs that moved to another provider because a call failed. */
    public void failover(String model, String fromProvider, int inputs) {
        Counter.builder("embedgate.failovers").description("inputs moved to the next provider after a failed call")
                .tag("model", model).tag("from", fromProvider).register(registry).increment(inputs);
    }

    /** Time a call waited for its client-side rate limit. */
    public void rateLimitWait(String provider, long nanos) {
        Timer.builder("embedgate.ratelimit.waits").description("waits for a client-side rate limit")
                .tag("provider", provider).register(registry).record(Duration.ofNanos(nanos));
    }

    /** One tier's answer to a lookup. */
    public void cacheLookup(String tier, int hits, int misses) {
        if (hits > 0) {
            Counter.builder("embedgate.cache.hits").tag("tier", tier).register(registry).increment(hits);
        }
        if (misses > 0) {
            Counter.builder("embedgate.cache.misses").tag("tier", tier).register(registry).increment(misses);
        }
    }

    /** Tokens billed by a provider and what they cost. */
    public void spent(String provider, String model, long tokens, long costNanoUsd) {
        Counter.builder("embedgate.tokens").description("tokens processed upstream")
                .tag("provider", provider).tag("model", model).register(registry).increment(tokens);
        Counter.builder("embedgate.cost.usd").description("what upstream calls cost, US dollars")
                .tag("provider", provider).tag("model", model).register(registry).increment(costNanoUsd / 1e9);
    }

    /** Tokens and cost the cache saved. */
    public void saved(String provider, String model, long tokens, long costNanoUsd) {
        Counter.builder("embedgate.cache.saved.tokens").tag("provider", provider).tag("model", model)
                .register(registry).increment(tokens);
        Counter.builder("embedgate.cache.saved.usd").tag("provider", provider).tag("model", model)
                .register(registry).increment(costNanoUsd / 1e9);
    }
}
