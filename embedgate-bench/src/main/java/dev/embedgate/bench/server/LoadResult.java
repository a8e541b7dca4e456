package dev.embedgate.bench.server;

import java.util.Arrays;

/**
 * What one closed-loop load run measured.
 *
 * @param concurrency     clients, each sending its next request as soon as the previous one is answered
 * @param textsPerRequest texts in every request
 * @param seconds         length of the measured window (warm-up excluded)
 * @param latencyNanos    latency of every request started and finished inside the window, sorted
 * @param errors          requests that failed or were not answered 200, over the whole run
 */
public record LoadResult(int concurrency, int textsPerRequest, double seconds, long[] latencyNanos, long errors) {

    public LoadResult {
        latencyNanos = latencyNanos.clone();
        Arrays.sort(latencyNanos);
    }

    public long requests() {
        return latencyNanos.length;
    }

    public double requestsPerSecond() {
        return latencyNanos.length / seconds;
    }

    public double textsPerSecond() {
        return requestsPerSecond() * textsPerRequest;
    }

    public double p50Millis() {
        return percentileMillis(50);
    }

    public double p99Millis() {
        return percentileMillis(99);
    }

    private double percentileMillis(double percent) {
        if (latencyNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * latencyNanos.length);
        return latencyNanos[Math.clamp(rank - 1, 0, latencyNanos.length - 1)] / 1e6;
    }
}
