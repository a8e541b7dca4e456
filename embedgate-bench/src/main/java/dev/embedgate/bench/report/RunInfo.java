package dev.embedgate.bench.report;

import java.time.Duration;
import java.time.Instant;

/**
 * When and how a benchmark run happened.
 *
 * @param quick true for a shortened development run, whose numbers are not to be published
 */
public record RunInfo(Instant started, Duration took, String command, boolean quick) {
}
