package dev.embedgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the pipeline reports to Micrometer, under names that say what they count. The server exports them on
 * {@code /metrics} (Prometheus); {@link #NONE} reports nowhere. Meter names never carry secrets: providers are
 * named by their configured names, callers by their key ids. Thread-safe.
 */
public final class GatewayMetrics {

    /** Reports nowhere (a registry with no backend: every meter is a no-op). */
    public static final GatewayMetrics NONE = new GatewayMetrics(new CompositeMeterRegistry());

    private final MeterRegistry registry;
    /** Meters by name and tag values: looked up once, then reused, so the hot path allocates no meter ids. */
    private final ConcurrentHashMap<MeterKey, Meter> meters = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private record MeterKey(String name, String first, String second) {
    }

    @SuppressWarnings("unchecked")
    private <M extends Meter> M meter(String name, String first, String second, Supplier<M> register) {
        return (M) meters.computeIfAbsent(new MeterKey(name, first, second), key -> register.get());
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
        Timer timer = meter("embedgate.upstream.calls", provider, outcome, () -> Timer.builder("embedgate.upstream.calls")
                .description("provider calls, retries included, by outcome")
                .tag("provider", provider).tag("outcome", outcome)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry));
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** How long a streamed chat answer took to its first token, from the request's arrival at the pipeline. */
    public void firstToken(String model, long nanos) {
        Timer timer = meter("embedgate.chat.first.token", model, "", () -> Timer.builder("embedgate.chat.first.token")
                .description("time from a streamed chat request to its first token")
                .tag("model", model)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry));
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One more attempt of a provider call after a failure of this kind. */
    public void retry(String provider, String failureKind) {
        this.<Counter>meter("embedgate.upstream.retries", provider, failureKind, () -> Counter.builder("embedgate.upstream.retries")
                .description("attempts repeated after a failure").tag("provider", provider).tag("kind", failureKind)
                .register(registry)).increment();
    }

    /** Inputs that moved to another provider because a call failed. */
    public void failover(String model, String fromProvider, int inputs) {
        this.<Counter>meter("embedgate.failovers", model, fromProvider, () -> Counter.builder("embedgate.failovers")
                .description("inputs moved to the next provider after a failed call").tag("model", model)
                .tag("from", fromProvider).register(registry)).increment(inputs);
    }

    /** Time a call waited for its client-side rate limit. */
    public void rateLimitWait(String provider, long nanos) {
        this.<Timer>meter("embedgate.ratelimit.waits", provider, "", () -> Timer.builder("embedgate.ratelimit.waits")
                .description("waits for a client-side rate limit").tag("provider", provider).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One tier's answer to a lookup. */
    public void cacheLookup(String tier, int hits, int misses) {
        if (hits > 0) {
            counter("embedgate.cache.hits", "tier", tier, null, null).increment(hits);
        }
        if (misses > 0) {
            counter("embedgate.cache.misses", "tier", tier, null, null).increment(misses);
        }
    }

    /** Inputs answered from stale cache entries because every provider of their model's space failed. */
    public void staleServed(String model, int inputs) {
        counter("embedgate.cache.stale.served", "model", model, null, null).increment(inputs);
    }

    /** Tokens billed by a provider and what they cost. */
    public void spent(String provider, String model, long tokens, long costNanoUsd) {
        counter("embedgate.tokens", "provider", provider, "model", model).increment(tokens);
        counter("embedgate.cost.usd", "provider", provider, "model", model).increment(costNanoUsd / 1e9);
    }

    /** Tokens and cost the cache saved. */
    public void saved(String provider, String model, long tokens, long costNanoUsd) {
        counter("embedgate.cache.saved.tokens", "provider", provider, "model", model).increment(tokens);
        counter("embedgate.cache.saved.usd", "provider", provider, "model", model).increment(costNanoUsd / 1e9);
    }

    /** A counter with one or two tags (the second tag's name null for one). */
    private Counter counter(String name, String firstTag, String first, String secondTag, String second) {
        return meter(name, first, second, () -> {
            Counter.Builder builder = Counter.builder(name).tag(firstTag, first);
            return (secondTag == null ? builder : builder.tag(secondTag, second)).register(registry);
        });
    }
}
