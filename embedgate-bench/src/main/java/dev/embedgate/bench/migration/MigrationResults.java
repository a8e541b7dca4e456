package dev.embedgate.bench.migration;

import java.util.List;

/**
 * Everything the migration benchmark measured.
 *
 * @param backfill      null when not run
 * @param share         null when not run
 * @param corpusTexts   texts in the corpus the memories hold
 * @param onlineTexts   short corpus texts the online requests cycle through
 * @param jvmOptions    the JVM options of the gateway and simulator processes
 * @param loadBefore    the machine's 1-minute load average when the run started
 * @param loadHighest   the highest it reached
 * @param loadAfter     when the run ended
 */
public record MigrationResults(BackfillResults backfill, ShareResults share, int corpusTexts, int onlineTexts,
                               List<String> jvmOptions, double loadBefore, double loadHighest, double loadAfter) {

    public MigrationResults {
        jvmOptions = List.copyOf(jvmOptions);
    }
}
