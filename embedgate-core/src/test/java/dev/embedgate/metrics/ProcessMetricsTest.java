package dev.embedgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JVM's garbage collections reach the registry while bound, and no longer once closed. */
class ProcessMetricsTest {

    private static final Duration NOTIFICATION_WAIT = Duration.ofSeconds(10);

    /** Pauses caused by {@code System.gc()}, as the GC binder counts them (0 before the first). */
    private static long explicitGcPauses(MeterRegistry registry) {
        return registry.find("jvm.gc.pause").tag("cause", "System.gc()").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    /** Collects, and waits until every registry given has heard of it from the JVM. */
    private static void collectAndAwait(MeterRegistry... registries) throws InterruptedException {
        long[] before = new long[registries.length];
        for (int i = 0; i < registries.length; i++) {
            before[i] = explicitGcPauses(registries[i]);
        }
        System.gc();
        long deadline = System.nanoTime() + NOTIFICATION_WAIT.toNanos();
        for (int i = 0; i < registries.length; i++) {
            while (explicitGcPauses(registries[i]) == before[i] && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(explicitGcPauses(registries[i])).as("registry %d heard of the collection", i)
                    .isGreaterThan(before[i]);
        }
    }

    @Test
    void countsCollectionsWhileBoundAndStopsListeningOnceClosed() throws InterruptedException {
        var registry = new SimpleMeterRegistry();
        var witness = new SimpleMeterRegistry();
        try (var witnessGc = new JvmGcMetrics()) {
            witnessGc.bindTo(witness);
            ProcessMetrics metrics = ProcessMetrics.bindTo(registry);

            collectAndAwait(witness, registry);
            long whileBound = explicitGcPauses(registry);
            metrics.close();
            collectAndAwait(witness);
            // The JVM tells its listeners one after the other: a listener left behind would have heard by now.
            Thread.sleep(200);

            assertThat(explicitGcPauses(registry)).as("no pause recorded after close").isEqualTo(whileBound);
        }
    }
}
