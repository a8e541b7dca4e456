package dev.embedgate.server.config;

import dev.embedgate.call.CallPaths;
import java.time.Duration;
import java.util.Objects;

/**
 * What the log tells of providers. Every change of a provider's circuit is one line; failed calls are summed up.
 *
 * @param failureSummaryInterval at most one line per provider per this interval tells of its failed calls: the first
 *                               failure at once, the others counted by kind and written by the next call after it
 *                               (default 1m)
 */
public record LoggingConfig(Duration failureSummaryInterval) {

    static final LoggingConfig DEFAULT = new LoggingConfig(null);

    public LoggingConfig {
        failureSummaryInterval = Objects.requireNonNullElse(failureSummaryInterval,
                CallPaths.DEFAULT_FAILURE_LOG_INTERVAL);
        ConfigChecks.require(failureSummaryInterval.isPositive(), "logging.failureSummaryInterval",
                "must be positive (1s, 1m, ...), was " + failureSummaryInterval);
    }
}
