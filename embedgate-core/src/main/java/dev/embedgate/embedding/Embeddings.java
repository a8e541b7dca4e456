package dev.embedgate.embedding;

import dev.embedgate.space.EmbeddingSpace;
import java.util.List;

/**
 * Vectors for a request, with where they came from.
 *
 * @param vectors          one per input, in input order
 * @param model            the canonical name of the model that was asked for
 * @param space            the space every vector belongs to
 * @param provider         the providers that served them, comma-separated ({@code cache} when no provider was called)
 * @param truncatedIndexes positions of inputs that were cut to the model's token limit
 * @param degraded         true when a configured fallback of another space served: these vectors are not
 *                         comparable with the model's own and must be re-embedded once it is back
 * @param usage            what the request cost upstream and what the cache saved
 */
public record Embeddings(List<float[]> vectors, String model, EmbeddingSpace space, String provider,
                         List<Integer> truncatedIndexes, boolean degraded, Usage usage) {

    public Embeddings {
        vectors = List.copyOf(vectors);
        truncatedIndexes = List.copyOf(truncatedIndexes);
    }

    /** Tokens the providers processed for this request (and bill); cache hits cost none. */
    public long promptTokens() {
        return usage.promptTokens();
    }

    /** {@code hit} (every input from the cache), {@code miss} (none) or {@code partial}. */
    public String cacheOutcome() {
        return usage.cacheHits() == 0 ? "miss" : usage.cacheHits() == vectors.size() ? "hit" : "partial";
    }

    /**
     * @param upstream      per provider that answered calls for this request
     * @param cacheHits     inputs answered without a call of this request (from a cache tier, or embedded by a
     *                      concurrent identical request)
     * @param savedTokens   tokens those inputs would have cost
     * @param savedAt       the provider that would have served (and billed) them: the route's first
     * @param upstreamNanos time spent in provider calls
     */
    public record Usage(List<ProviderUsage> upstream, int cacheHits, long savedTokens, String savedAt,
                        long upstreamNanos) {

        public Usage {
            upstream = List.copyOf(upstream);
        }

        public long promptTokens() {
            return upstream.stream().mapToLong(ProviderUsage::tokens).sum();
        }
    }
}
