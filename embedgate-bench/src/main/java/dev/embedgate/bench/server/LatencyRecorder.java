package dev.embedgate.bench.server;

import java.util.Arrays;

/** One client's request latencies, in nanoseconds, without boxing. Not thread-safe: one per client. */
final class LatencyRecorder {

    private long[] nanos = new long[1024];
    private int count;

    void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    long[] values() {
        return Arrays.copyOf(nanos, count);
    }
}
