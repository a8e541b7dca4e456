package dev.embedgate.embedding;

import dev.embedgate.provider.Capability;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.usage.UsageEvent;
import java.util.ArrayList;
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
 * @param staleIndexes     positions answered from cache entries past their TTL, because every provider of the space
 *                         failed (same space: comparable with the rest, only older)
 */
public record Embeddings(List<float[]> vectors, String model, EmbeddingSpace space, String provider,
                         List<Integer> truncatedIndexes, boolean degraded, Usage usage, List<Integer> staleIndexes) {

    public Embeddings {
        vectors = List.copyOf(vectors);
        truncatedIndexes = List.copyOf(truncatedIndexes);
        staleIndexes = List.copyOf(staleIndexes);
    }

    /** Tokens the providers processed for this request (and bill); cache hits cost none. */
    public long promptTokens() {
        return usage.promptTokens();
    }

    /**
     * This request's usage for the ledger: one event per provider that answered calls, the request counted under
     * the first; then, if the cache answered inputs (or everything), one event under the provider that would have
     * served them, with the hits and the tokens they saved (and the request, when no provider was called).
     *
     * @param apiKey the caller's gateway API key id, or {@code ""}
     */
    public List<UsageEvent> usageEvents(String apiKey) {
        var events = new ArrayList<UsageEvent>(usage.upstream().size() + 1);
        long requests = 1;
        for (ProviderUsage used : usage.upstream()) {
            events.add(new UsageEvent(Capability.EMBEDDING, used.provider(), model, apiKey, requests, used.calls(),
                    used.tokens(), 0, 0, 0));
            requests = 0;
        }
        if (usage.cacheHits() > 0 || requests == 1) {
            events.add(new UsageEvent(Capability.EMBEDDING, usage.savedAt(), model, apiKey, requests, 0, 0, 0,
                    usage.cacheHits(), usage.savedTokens()));
        }
        return events;
    }

    /** {@code hit} (every input from the cache), {@code miss} (none) or {@code partial}. */
    public String cacheOutcome() {
        return usage.cacheHits() == 0 ? "miss" : usage.cacheHits() == vectors.size() ? "hit" : "partial";
    }

    /**
     * @param upstream      per provider that answered calls for this request
     * @param cacheHits     inputs answered without a call of this request (from a cache tier, stale entries
     *                      included, or embedded by a concurrent identical request)
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
