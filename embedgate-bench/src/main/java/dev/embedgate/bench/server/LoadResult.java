package dev.embedgate.bench.server;

/**
 * What one closed-loop load run measured.
 *
 * @param concurrency     clients, each sending its next request as soon as the previous one is answered
 * @param textsPerRequest texts in every request
 * @param seconds         length of the measured window (warm-up excluded)
 * @param latencies       latency of every request started and finished inside the window
 * @param errors          requests that failed or were not answered 200, over the whole run
 */
public record LoadResult(int concurrency, int textsPerRequest, double seconds, Latencies latencies, long errors) {

    public long requests() {
        return latencies.count();
    }

    public double requestsPerSecond() {
        return latencies.count() / seconds;
    }

    public double textsPerSecond() {
        return requestsPerSecond() * textsPerRequest;
    }

    public double p50Millis() {
        return latencies.p50Millis();
    }

    public double p99Millis() {
        return latencies.p99Millis();
    }
}
