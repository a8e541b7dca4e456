package dev.embedgate.bench.memory;

import dev.embedgate.bench.Samples;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Several systems over the same vectors, measured side by side at one {@code efSearch}: each one's recall@k over
 * every query (one at a time, which also warms its caches), then queries/s windows at each concurrency, the systems
 * taking turns within each round (every other round in reverse order) so that a busy moment of the machine does not
 * fall on one system only.
 */
final class RecallComparison {

    private final MemoryPlan plan;
    private final PrintStream progress;

    RecallComparison(MemoryPlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * @param rounds       measured rounds
     * @param windowMillis length of each queries/s window
     */
    List<RecallRow> measure(List<RecallTarget.Opener> systems, VectorSet vectors, int[][] exact, int efSearch,
                            int rounds, long windowMillis) {
        var targets = new ArrayList<RecallTarget>();
        try {
            var recalls = new ArrayList<Double>();
            for (RecallTarget.Opener system : systems) {
                RecallTarget target = system.open(efSearch);
                targets.add(target);
                long start = System.nanoTime();
                double recall = QueryLoad.recall(target, vectors.queries(), exact, plan.k());
                recalls.add(recall);
                progress.printf("memory   %-40s efSearch %4d: recall@%d %.4f (%d queries one at a time in %.1f s)%n",
                        target.name(), efSearch, plan.k(), recall, vectors.queries().length,
                        (System.nanoTime() - start) / 1e9);
            }
            List<Integer> concurrencies = plan.concurrencies();
            var perSecond = new double[targets.size()][concurrencies.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < targets.size(); turn++) {
                    // Every other round in reverse order, so that no system always follows the same one.
                    int t = round % 2 == 0 ? turn : targets.size() - 1 - turn;
                    for (int c = 0; c < concurrencies.size(); c++) {
                        perSecond[t][c][round] = QueryLoad.queriesPerSecond(targets.get(t), vectors.queries(),
                                plan.k(), concurrencies.get(c), windowMillis);
                        progress.printf("memory   %-40s efSearch %4d, %d client(s), round %d/%d: %,.0f queries/s%n",
                                targets.get(t).name(), efSearch, concurrencies.get(c), round + 1, rounds,
                                perSecond[t][c][round]);
                    }
                }
            }
            var rows = new ArrayList<RecallRow>();
            for (int t = 0; t < targets.size(); t++) {
                var medians = new ArrayList<Double>();
                for (int c = 0; c < concurrencies.size(); c++) {
                    medians.add(Samples.median(perSecond[t][c]));
                }
                rows.add(new RecallRow(targets.get(t).name(), efSearch, recalls.get(t), medians));
            }
            return rows;
        } finally {
            targets.forEach(RecallTarget::close);
        }
    }
}
