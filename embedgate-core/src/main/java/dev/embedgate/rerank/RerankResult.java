package dev.embedgate.rerank;

import java.util.List;
import java.util.Objects;

/**
 * A reranked answer.
 *
 * @param model       the reranking model asked for
 * @param ranker      what scored it: a provider's name, or the local cosine ranker's ({@link CosineRanker#name()})
 * @param fallback    whether the local cosine ranker answered because no reranker could
 * @param results     the best documents first, at most the {@code top_n} asked for
 * @param inputTokens tokens the ranker processed (query and documents); 0 when every score came from the cache
 */
public record RerankResult(String model, String ranker, boolean fallback, List<RankedDocument> results,
                           long inputTokens) {

    public RerankResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(ranker, "ranker");
        results = List.copyOf(results);
    }
}
