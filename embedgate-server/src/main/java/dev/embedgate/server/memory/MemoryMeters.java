package dev.embedgate.server.memory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The memory's meters on {@code /metrics}: memories, pending ones, vectors, degraded stand-ins and migrations under
 * way (gauges), and the
 * memories the background worker embedded (a counter). The gauges read one count of the store, taken at most once per
 * {@link #FRESH_FOR}, so that a scrape does not count the store four times.
 */
public final class MemoryMeters {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final SpacesService spaces;
    private MemoryTotals totals;
    private long countedAtNanos;

    private MemoryMeters(SpacesService spaces) {
        this.spaces = spaces;
    }

    public static void bindTo(MeterRegistry registry, MemoryParts memory) {
        var meters = new MemoryMeters(memory.spaces());
        gauge(registry, meters, "embedgate.memory.memories", "memories stored", MemoryTotals::memories);
        gauge(registry, meters, "embedgate.memory.pending",
                "memories without a vector in their namespace's active space yet", MemoryTotals::pending);
        gauge(registry, meters, "embedgate.memory.vectors", "vectors stored, every space together",
                MemoryTotals::vectors);
        gauge(registry, meters, "embedgate.memory.degraded", "vectors made by a fallback, awaiting repair",
                MemoryTotals::degraded);
        gauge(registry, meters, "embedgate.memory.migrations.under.way",
                "re-embedding migrations not yet cut over or cancelled", MemoryTotals::migrationsUnderWay);
        FunctionCounter.builder("embedgate.memory.background.embedded", memory.service(),
                        service -> service.embeddedInBackground())
                .description("memories the background worker embedded").register(registry);
    }

    private static void gauge(MeterRegistry registry, MemoryMeters meters, String name, String description,
                              ToDoubleFunction<MemoryTotals> value) {
        // Strongly held: nothing else keeps the meters object, and a gauge's weak reference would read NaN after a GC.
        Gauge.builder(name, meters, each -> value.applyAsDouble(each.totals())).description(description)
                .strongReference(true).register(registry);
    }

    private synchronized MemoryTotals totals() {
        long now = System.nanoTime();
        if (totals == null || now - countedAtNanos > FRESH_FOR.toNanos()) {
            totals = spaces.totals();
            countedAtNanos = now;
        }
        return totals;
    }
}
