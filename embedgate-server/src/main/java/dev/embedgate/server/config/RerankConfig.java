package dev.embedgate.server.config;

import dev.embedgate.rerank.CosineRanker;
import dev.embedgate.rerank.RerankSettings;
import java.util.List;
import java.util.Objects;

/**
 * Reranking ({@code /v1/rerank}, and TEI's {@code /rerank}).
 *
 * @param providers     reranking providers, declared as embedding providers are; kinds: cohere, jina (any
 *                      Cohere/Jina-compatible endpoint), tei, huggingface, and local (an ONNX cross-encoder: model
 *                      is its directory, maxTokens the longest pair, limits.maxInputsPerRequest pairs per batch)
 * @param routes        reranking models as callers name them, the first the default; the local cosine ranker is
 *                      also served by itself as {@value #LOCAL_COSINE} (the default when no other is configured)
 * @param maxCandidates most documents one request may rank (default 100)
 * @param cacheEntries  scores kept in memory by (model, query, document) (default 100,000; 0 turns it off)
 * @param localModel    the embedding model the local cosine ranker ranks with (default bge-small-en-v1.5, bundled)
 */
public record RerankConfig(List<ProviderConfig> providers, List<Route> routes, Integer maxCandidates, Long cacheEntries,
                           String localModel) {

    /** The model name of the local cosine ranker when no reranking model is configured. */
    public static final String LOCAL_COSINE = "local-cosine";

    static final RerankConfig DEFAULT = new RerankConfig(null, null, null, null, null);

    public RerankConfig {
        providers = providers == null ? List.of() : List.copyOf(providers);
        routes = routes == null ? List.of() : List.copyOf(routes);
        maxCandidates = Objects.requireNonNullElse(maxCandidates, RerankSettings.DEFAULT.maxCandidates());
        cacheEntries = Objects.requireNonNullElse(cacheEntries, RerankSettings.DEFAULT.cacheEntries());
        localModel = Objects.requireNonNullElse(localModel, CosineRanker.DEFAULT_MODEL);
        ConfigChecks.require(maxCandidates >= 1 && maxCandidates <= 10_000, "rerank.maxCandidates",
                "must be 1 to 10,000, was " + maxCandidates);
        ConfigChecks.require(cacheEntries >= 0, "rerank.cacheEntries", "cannot be negative, was " + cacheEntries);
    }

    RerankSettings settings() {
        return new RerankSettings(maxCandidates, cacheEntries);
    }

    /**
     * A reranking model as callers name it.
     *
     * @param name          the model name requests use
     * @param aliases       other accepted names
     * @param providers     names of {@code rerank.providers}, tried in order
     * @param localFallback whether the local cosine ranker answers when every provider failed (default true; the
     *                      answer's {@code X-EmbedGate-Ranker} header says which ranker served)
     */
    public record Route(String name, List<String> aliases, List<String> providers, Boolean localFallback) {
        public Route {
            ConfigChecks.require(name != null && !name.isBlank(), "rerank.routes[].name", "is required");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            providers = providers == null ? List.of() : List.copyOf(providers);
            localFallback = Objects.requireNonNullElse(localFallback, true);
            ConfigChecks.require(!providers.isEmpty() || localFallback, "rerank.routes[" + name + "].providers",
                    "must name a provider of rerank.providers, or localFallback must be true");
        }
    }
}
