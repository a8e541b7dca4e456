package dev.embedgate.bench.memory;

import java.util.List;

/**
 * What the memory benchmark measured.
 *
 * @param plan           how it ran
 * @param software       the versions measured and the machine's load
 * @param dimensions     of every vector
 * @param corpusTexts    corpus texts the vectors were derived from
 * @param loads          how long each system took to store (and index) the vectors
 * @param luceneSegments segments of the Lucene store's index once loaded: each is searched with efSearch candidates
 * @param atDefault      every system at the plan's settings
 * @param sweep          every system at the other {@code efSearch} values
 * @param ingest         memories/s per store and path
 * @param notes          what was not measured, and why
 */
public record MemoryResults(MemoryPlan plan, Software software, int dimensions, int corpusTexts, List<LoadTime> loads,
                            int luceneSegments, List<RecallRow> atDefault, List<RecallRow> sweep, List<IngestRow> ingest,
                            List<String> notes) {

    public MemoryResults {
        loads = List.copyOf(loads);
        atDefault = List.copyOf(atDefault);
        sweep = List.copyOf(sweep);
        ingest = List.copyOf(ingest);
        notes = List.copyOf(notes);
    }

    /**
     * @param lucene          Apache Lucene's version
     * @param postgres        PostgreSQL's version
     * @param pgvector        the pgvector extension's version
     * @param langchain4j     LangChain4j's pgvector store's version
     * @param loadBefore      the machine's 1-minute load average when the run started
     * @param loadHighest     the highest it reached during the run
     * @param loadAfter       the same when it ended
     */
    public record Software(String lucene, String postgres, String pgvector, String langchain4j, double loadBefore,
                           double loadHighest, double loadAfter) {
    }

    /** The row of {@code system} at the default settings, or null when it was not measured. */
    public RecallRow atDefault(String system) {
        return atDefault.stream().filter(row -> row.system().equals(system)).findFirst().orElse(null);
    }
}
