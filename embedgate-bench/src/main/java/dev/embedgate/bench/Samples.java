package dev.embedgate.bench;

import java.util.Arrays;

/** Order statistics over measured values. */
public final class Samples {

    private Samples() {
    }

    public static double median(double[] values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile (the median of an even count is the mean of the two middle values). */
    public static double percentile(double[] values, double percent) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (percent == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
}
