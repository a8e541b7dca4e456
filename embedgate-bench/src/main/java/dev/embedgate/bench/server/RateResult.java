package dev.embedgate.bench.server;

/**
 * What one open-loop run measured: requests sent at a fixed rate whatever the answers, each one's latency taken
 * from the moment it was scheduled (so a stall delays the following requests' latencies instead of hiding them:
 * no coordinated omission).
 *
 * @param targetPerSecond the arrival rate requests were scheduled at
 * @param seconds         length of the measured window (warm-up excluded)
 * @param latencies       latency of every request scheduled inside the window and answered 200
 * @param answered        requests answered 200 while the window lasted, whenever they were scheduled
 * @param errors          requests scheduled inside the window that failed or were not answered 200
 * @param sent            every request the run sent, warm-up included (what a server's CPU time over the whole run
 *                        served)
 */
public record RateResult(double targetPerSecond, double seconds, Latencies latencies, long answered, long errors,
                         long sent) {

    /** Requests answered 200 per second during the window. */
    public double achievedPerSecond() {
        return answered / seconds;
    }

    public double p50Millis() {
        return latencies.p50Millis();
    }

    public double p99Millis() {
        return latencies.p99Millis();
    }
}
