package dev.embedgate.rerank;

import java.util.List;
import java.util.Objects;

/**
 * What a reranker is asked to score.
 *
 * @param query     the query
 * @param documents the candidate texts, in the order their scores come back
 */
public record RerankRequest(String query, List<String> documents) {

    public RerankRequest {
        Objects.requireNonNull(query, "query");
        documents = List.copyOf(documents);
    }
}
