package dev.embedgate.bench.distribution;

import java.time.Duration;

/**
 * How the distributions are measured.
 *
 * @param starts   starts of each system (its figures are medians over them)
 * @param requests requests of one short text each, sent one after the other once a start is ready and idle
 * @param settle   how long a ready server is left alone before its idle memory is read
 */
public record DistributionPlan(int starts, int requests, Duration settle) {

    public DistributionPlan {
        if (starts <= 0 || requests <= 0 || settle.isNegative()) {
            throw new IllegalArgumentException("starts and requests must be positive, settle not negative");
        }
    }
}
