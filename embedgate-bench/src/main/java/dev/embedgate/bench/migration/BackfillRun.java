package dev.embedgate.bench.migration;

/**
 * One measured run of the backfill comparison.
 *
 * @param system    {@link #RAW} or {@link #MIGRATION}
 * @param round     from 1
 * @param memories  texts embedded (and, for a migration, vectors stored)
 * @param tokens    tokens the model counted for them
 * @param seconds   from the first request (the migration's start) to the last answer (its status {@code backfilled})
 */
public record BackfillRun(String system, int round, long memories, long tokens, double seconds) {

    public static final String RAW = "raw embedder";
    public static final String MIGRATION = "migration";

    public double memoriesPerSecond() {
        return memories / seconds;
    }
}
