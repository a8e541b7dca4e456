package dev.embedgate.bench.migration;

import dev.embedgate.bench.Samples;
import java.util.List;

/**
 * The backfill comparison on one store: the raw embedder's runs and the migration's, in the order they ran.
 *
 * @param store {@link BackfillPlan#LUCENE} or {@link BackfillPlan#PGVECTOR}
 */
public record BackfillResult(String store, List<BackfillRun> runs) {

    public BackfillResult {
        runs = List.copyOf(runs);
    }

    public List<BackfillRun> of(String system) {
        return runs.stream().filter(run -> run.system().equals(system)).toList();
    }

    /** The median of the system's memories/s over its runs. */
    public double medianPerSecond(String system) {
        return Samples.median(of(system).stream().mapToDouble(BackfillRun::memoriesPerSecond).toArray());
    }

    /** The median of the system's tokens/s over its runs. */
    public double medianTokensPerSecond(String system) {
        return Samples.median(of(system).stream().mapToDouble(run -> run.tokens() / run.seconds()).toArray());
    }

    /** The migration's median memories/s over the raw embedder's median texts/s. */
    public double ratio() {
        return medianPerSecond(BackfillRun.MIGRATION) / medianPerSecond(BackfillRun.RAW);
    }
}
