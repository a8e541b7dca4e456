package dev.embedgate.rerank;

import java.util.List;
import java.util.Objects;

/**
 * What a reranker is asked to score.
 *
 * @param query     the query
 * @param documents the candidate texts, in the order their scores come back
 * @param rawScores whether the model's raw logits are wanted instead of relevance scores in [0, 1] (only providers
 *                  whose {@link RerankProvider#rawScores()} is true are asked for them)
 */
public record RerankRequest(String query, List<String> documents, boolean rawScores) {

    public RerankRequest {
        Objects.requireNonNull(query, "query");
        documents = List.copyOf(documents);
    }

    /** Relevance scores in [0, 1] for these documents. */
    public RerankRequest(String query, List<String> documents) {
        this(query, documents, false);
    }
}
