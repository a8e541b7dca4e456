package dev.embedgate.bench.providers;

import dev.embedgate.bench.Samples;
import dev.embedgate.bench.server.Latencies;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Latencies of the same requests failing over and served by the local model directly.
 *
 * @param failingOver                  through the gateway whose primary fails, answered by its local model
 * @param local                        through the gateway that serves the local model only
 * @param medianPairedDifferenceMillis median over requests of (failing over - local) for the same text, sent one
 *                                     after the other: less noisy than the difference of medians
 */
public record FailoverCase(Latencies failingOver, Latencies local, double medianPairedDifferenceMillis) {

    /** Latencies of request {@code i} failing over and served locally, both in nanoseconds. */
    static FailoverCase of(List<Long> failingOverNanos, List<Long> localNanos) {
        double[] differences = IntStream.range(0, failingOverNanos.size())
                .mapToDouble(i -> (failingOverNanos.get(i) - localNanos.get(i)) / 1e6).toArray();
        return new FailoverCase(latencies(failingOverNanos), latencies(localNanos), Samples.median(differences));
    }

    private static Latencies latencies(List<Long> nanos) {
        return new Latencies(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    public double addedP50Millis() {
        return failingOver.p50Millis() - local.p50Millis();
    }

    public double addedP99Millis() {
        return failingOver.p99Millis() - local.p99Millis();
    }
}
