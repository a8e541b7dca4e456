package dev.embedgate.memory.migration;

import java.util.List;

/**
 * A migration with its progress now.
 *
 * @param migration  the record
 * @param counts     done, total, failed, leased, as the store counts them
 * @param failures   the first given-up memories with their errors
 * @param perSecond  memories embedded per second over the last minute (every instance), or null when unknown
 * @param etaSeconds seconds until every missing memory is embedded at that rate, or null
 */
public record MigrationStatus(Migration migration, MigrationCounts counts, List<FailedMemory> failures,
                              Double perSecond, Long etaSeconds) {

    public MigrationStatus {
        failures = List.copyOf(failures);
    }
}
