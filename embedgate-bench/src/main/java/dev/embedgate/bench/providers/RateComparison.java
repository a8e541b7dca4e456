package dev.embedgate.bench.providers;

import dev.embedgate.bench.Samples;
import dev.embedgate.bench.server.RateResult;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The runs of one arrival rate: round {@code i} of {@code direct} and of {@code gateway} ran back to back. Added
 * latency is the median over rounds of the gateway's percentile minus the direct one's in the same round.
 *
 * @param gatewayCpuNanos per gateway run, the gateway process's CPU time (user + system, every thread) over the
 *                        whole run, warm-up included: divided by the run's requests sent, what a proxied request costs
 */
public record RateComparison(int ratePerSecond, List<RateResult> direct, List<RateResult> gateway,
                             List<Long> gatewayCpuNanos) {

    public RateComparison {
        direct = List.copyOf(direct);
        gateway = List.copyOf(gateway);
        gatewayCpuNanos = List.copyOf(gatewayCpuNanos);
        if (direct.size() != gateway.size() || direct.isEmpty() || gatewayCpuNanos.size() != gateway.size()) {
            throw new IllegalArgumentException("rounds must pair up: " + direct.size() + " direct, " + gateway.size()
                    + " gateway, " + gatewayCpuNanos.size() + " CPU readings");
        }
    }

    /** The gateway's CPU time per request sent, in microseconds, in each round. */
    public double[] gatewayCpuMicrosPerRequest() {
        return IntStream.range(0, gateway.size())
                .mapToDouble(i -> gatewayCpuNanos.get(i) / 1e3 / Math.max(1, gateway.get(i).sent()))
                .toArray();
    }

    /** The median over rounds of {@link #gatewayCpuMicrosPerRequest()}. */
    public double medianGatewayCpuMicrosPerRequest() {
        return Samples.median(gatewayCpuMicrosPerRequest());
    }

    public double addedP50Millis() {
        return addedMillis(RateResult::p50Millis);
    }

    public double addedP99Millis() {
        return addedMillis(RateResult::p99Millis);
    }

    public double medianOf(List<RateResult> runs, ToDoubleFunction<RateResult> figure) {
        return Samples.median(runs.stream().mapToDouble(figure).toArray());
    }

    public long errors() {
        return IntStream.range(0, direct.size()).mapToLong(i -> direct.get(i).errors() + gateway.get(i).errors()).sum();
    }

    private double addedMillis(ToDoubleFunction<RateResult> percentile) {
        return Samples.median(IntStream.range(0, direct.size())
                .mapToDouble(i -> percentile.applyAsDouble(gateway.get(i)) - percentile.applyAsDouble(direct.get(i)))
                .toArray());
    }
}
