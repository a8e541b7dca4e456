package dev.embedgate.rerank;

/**
 * Gateway-wide reranking limits.
 *
 * @param maxCandidates most documents one request may carry
 * @param cacheEntries  scores kept in memory, by (model, query, document); 0 turns the score cache off
 */
public record RerankSettings(int maxCandidates, long cacheEntries) {

    public static final RerankSettings DEFAULT = new RerankSettings(100, 100_000);

    public RerankSettings {
        if (maxCandidates < 1) {
            throw new IllegalArgumentException("maxCandidates must be at least 1, was " + maxCandidates);
        }
        if (cacheEntries < 0) {
            throw new IllegalArgumentException("cacheEntries cannot be negative, was " + cacheEntries);
        }
    }
}
