package dev.embedgate.bench.distribution;

import dev.embedgate.bench.Samples;
import java.util.List;

/**
 * One system's measurements, one value per start.
 *
 * @param system       which jar, serving what
 * @param jarBytes     the jar's size
 * @param readySeconds from the process's start until {@code /ready} answered 200
 * @param idleMb       resident memory once ready and left alone (MB, 10^6 bytes)
 * @param afterMb      resident memory after the requests
 */
public record DistributionResult(String system, long jarBytes, List<Double> readySeconds, List<Double> idleMb,
                                 List<Double> afterMb) {

    public DistributionResult {
        readySeconds = List.copyOf(readySeconds);
        idleMb = List.copyOf(idleMb);
        afterMb = List.copyOf(afterMb);
    }

    public static double median(List<Double> values) {
        return Samples.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
