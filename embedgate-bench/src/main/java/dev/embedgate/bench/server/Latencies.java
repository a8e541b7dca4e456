package dev.embedgate.bench.server;

import java.util.Arrays;

/** Request latencies of one load run, in nanoseconds, sorted, with nearest-rank percentiles. */
public record Latencies(long[] sortedNanos) {

    public Latencies {
        sortedNanos = sortedNanos.clone();
        Arrays.sort(sortedNanos);
    }

    public int count() {
        return sortedNanos.length;
    }

    public double p50Millis() {
        return percentileMillis(50);
    }

    public double p99Millis() {
        return percentileMillis(99);
    }

    /** Nearest-rank percentile in milliseconds; NaN when nothing was measured. */
    public double percentileMillis(double percent) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sortedNanos.length);
        return sortedNanos[Math.clamp(rank - 1, 0, sortedNanos.length - 1)] / 1e6;
    }

    public double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }
}
