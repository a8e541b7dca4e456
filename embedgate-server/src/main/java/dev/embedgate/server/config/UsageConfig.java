package dev.embedgate.server.config;

import dev.embedgate.usage.LedgerWrites;
import java.time.Duration;
import java.util.Objects;

/**
 * How usage reaches the ledger (table {@code usage_ledger}).
 *
 * @param durable       true: every request's usage is written, synced to disk, before it is answered, so that the
 *                      ledger holds every answered request whatever happens to the process (for billing from it);
 *                      false: counted in memory and written every {@code flushInterval}, so that a process killed
 *                      without a shutdown loses up to that much
 * @param flushInterval how often counted usage is written and the month's spend is read back for budgets
 */
public record UsageConfig(Boolean durable, Duration flushInterval) {

    static final UsageConfig DEFAULT = new UsageConfig(null, null);

    public UsageConfig {
        durable = Objects.requireNonNullElse(durable, false);
        flushInterval = Objects.requireNonNullElse(flushInterval, Duration.ofSeconds(1));
        ConfigChecks.require(flushInterval.toMillis() > 0, "usage.flushInterval",
                "must be at least 1ms, was " + flushInterval);
    }

    public LedgerWrites writes() {
        return durable ? LedgerWrites.DURABLE : LedgerWrites.BATCHED;
    }
}
