package dev.embedgate.bench.report;

/** The goals issue #2 sets for the local provider and the server. */
public final class Targets {

    /** EmbedGate's texts/s over LangChain4j's at 128 tokens, all-MiniLM-L6-v2 fp32. */
    public static final double FP32_SPEEDUP = 1.4;
    /** The same for int8 (EmbedGate deterministic: one text per call). */
    public static final double INT8_SPEEDUP = 1.2;
    /** Lowest cosine between EmbedGate's and LangChain4j's vectors for texts of at most 128 tokens. */
    public static final double MIN_COSINE = 0.99999;
    /** Resident memory of the idle server and after the bulk run, in MB (10^6 bytes). */
    public static final double MAX_RESIDENT_MB = 600;

    private Targets() {
    }
}
