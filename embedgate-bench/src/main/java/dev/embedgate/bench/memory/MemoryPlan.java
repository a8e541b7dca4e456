package dev.embedgate.bench.memory;

import dev.embedgate.memory.HnswSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the memory benchmark runs.
 *
 * @param baseVectors    vectors stored for the recall measurements
 * @param queries        held-out query vectors
 * @param k              neighbours asked for (recall@k)
 * @param settings       HNSW settings every system is built and searched with
 * @param efSearchSweep  other {@code efSearch} values measured afterwards (same graphs, one round each)
 * @param concurrencies  closed-loop clients of each queries/s window
 * @param rounds         measured rounds at the default settings; the systems take turns within each round
 * @param window         length of one queries/s window
 * @param sweepWindow    length of one window of the sweep
 * @param loadBatch      memories per save / putVectors (and per LangChain4j addAll) when loading vectors
 * @param ingestTexts    corpus texts ingested (0: all of them)
 * @param ingestBatch    memories per {@code POST /v1/memories}, and per store call when ingesting vectors
 * @param postgresUrl    the database (a JDBC URL without parameters); each run works in a fresh schema of it
 * @param postgresUser   its user (trust authentication)
 */
public record MemoryPlan(int baseVectors, int queries, int k, HnswSettings settings, List<Integer> efSearchSweep,
                         List<Integer> concurrencies, int rounds, Duration window, Duration sweepWindow, int loadBatch,
                         int ingestTexts, int ingestBatch, String postgresUrl, String postgresUser) {

    public MemoryPlan {
        Objects.requireNonNull(settings, "settings");
        efSearchSweep = List.copyOf(efSearchSweep);
        concurrencies = List.copyOf(concurrencies);
        if (baseVectors < k || queries < 1 || k < 1 || rounds < 1 || loadBatch < 1 || ingestBatch < 1
                || ingestTexts < 1 || concurrencies.isEmpty()) {
            throw new IllegalArgumentException("a memory benchmark plan needs positive sizes and at least k vectors");
        }
        for (int efSearch : efSearchSweep) {
            new HnswSettings(settings.m(), settings.efConstruction(), efSearch);
        }
    }

    /** The settings of one point of the sweep. */
    public HnswSettings withEfSearch(int efSearch) {
        return new HnswSettings(settings.m(), settings.efConstruction(), efSearch);
    }
}
