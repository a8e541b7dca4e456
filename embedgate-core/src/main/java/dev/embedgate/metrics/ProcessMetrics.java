package dev.embedgate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's and the process's own meters, from Micrometer's binders: memory pools and buffers, garbage collection
 * (pauses, allocation, promotion, heap pressure), threads, classes, the JVM's version, CPU, uptime and open files
 * (where the operating system reports them). Garbage collection is reported through notifications the JVM sends to
 * listeners; {@link #close} removes them, so that a closed gateway leaves nothing behind in a JVM that goes on.
 */
public final class ProcessMetrics implements AutoCloseable {

    private final JvmGcMetrics gc;
    private final JvmHeapPressureMetrics heapPressure;

    private ProcessMetrics(JvmGcMetrics gc, JvmHeapPressureMetrics heapPressure) {
        this.gc = gc;
        this.heapPressure = heapPressure;
    }

    /** Registers every meter with {@code registry}; the caller closes the result when the registry is done with. */
    public static ProcessMetrics bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        var gc = new JvmGcMetrics();
        gc.bindTo(registry);
        var heapPressure = new JvmHeapPressureMetrics();
        heapPressure.bindTo(registry);
        return new ProcessMetrics(gc, heapPressure);
    }

    /** Stops listening to garbage collections. */
    @Override
    public void close() {
        gc.close();
        heapPressure.close();
    }
}
