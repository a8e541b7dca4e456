package dev.embedgate.bench.rerank;

/** What a rerank window is sent to, as the report names it. */
public enum RerankSystem {

    /** EmbedGate's local cosine ranker, every document new to it (embedding cache misses). */
    LOCAL_COLD("EmbedGate `local-cosine`, cold (distinct documents)"),
    /** EmbedGate's local cosine ranker over documents it embedded before (embedding cache hits). */
    LOCAL_WARM("EmbedGate `local-cosine`, warm (repeated documents)"),
    /** EmbedGate in front of the simulated Cohere reranker. */
    GATEWAY("EmbedGate → simulated Cohere"),
    /** The simulated Cohere reranker called directly with the same bodies. */
    DIRECT("simulated Cohere, direct");

    private final String label;

    RerankSystem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
