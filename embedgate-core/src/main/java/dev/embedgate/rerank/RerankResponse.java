package dev.embedgate.rerank;

import java.util.List;

/**
 * A reranker's answer, before validation.
 *
 * @param scores      one relevance score per document, in the request's document order (not sorted)
 * @param inputTokens tokens the model processed (query and documents)
 */
public record RerankResponse(List<Double> scores, long inputTokens) {

    public RerankResponse {
        scores = List.copyOf(scores);
    }
}
