package dev.embedgate.bench.report;

/**
 * The goals issues #2 (local provider, server), #3 (remote providers), #11 (vector memory) and #12 (migrations) set.
 */
public final class Targets {

    /** EmbedGate's texts/s over LangChain4j's at 128 tokens, all-MiniLM-L6-v2 fp32. */
    public static final double FP32_SPEEDUP = 1.4;
    /** The same for int8 (EmbedGate deterministic: one text per call). */
    public static final double INT8_SPEEDUP = 1.2;
    /** Lowest cosine between EmbedGate's and LangChain4j's vectors for texts of at most 128 tokens. */
    public static final double MIN_COSINE = 0.99999;
    /** Resident memory of the idle server and after the bulk run, in MB (10^6 bytes). */
    public static final double MAX_RESIDENT_MB = 600;

    /** The arrival rate, requests/s, at which the latency EmbedGate adds in front of a provider is judged. */
    public static final int OVERHEAD_RATE = 1000;
    /** Largest p50 latency EmbedGate may add in front of a provider at {@link #OVERHEAD_RATE}, in ms. */
    public static final double MAX_ADDED_P50_MILLIS = 1;
    /** Largest p99 latency EmbedGate may add in front of a provider at {@link #OVERHEAD_RATE}, in ms. */
    public static final double MAX_ADDED_P99_MILLIS = 5;
    /** Share of a Redis-shared requests/min budget that instances together must use (with no upstream 429). */
    public static final double MIN_RATE_LIMIT_EFFICIENCY = 0.95;

    /** Lowest recall@10 against exact search of either memory store at the default HNSW settings. */
    public static final double MIN_RECALL_AT_10 = 0.95;
    /** Lowest share of raw JDBC's queries/s that EmbedGate's pgvector store must reach with the same SQL. */
    public static final double MIN_JDBC_SHARE = 0.8;

    /** Lowest share of the raw embedder's texts/s a migration to the local model must reach (issue #12). */
    public static final double MIN_BACKFILL_SHARE = 0.85;
    /** Lowest part of its max_rate_share a migration to a rate-limited provider must use (issue #12). */
    public static final double MIN_RATE_SHARE_USED = 0.95;

    private Targets() {
    }
}
