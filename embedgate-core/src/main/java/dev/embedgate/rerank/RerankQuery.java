package dev.embedgate.rerank;

import java.util.List;
import java.util.Objects;

/**
 * A caller's reranking request.
 *
 * @param model     the reranking model, or null for the default one
 * @param query     what the documents are ranked against
 * @param documents the candidates
 * @param topN      how many of the best to answer with, or null for all
 * @param rawScores whether the model's raw logits are wanted (TEI's {@code raw_scores})
 */
public record RerankQuery(String model, String query, List<String> documents, Integer topN, boolean rawScores) {

    public RerankQuery {
        Objects.requireNonNull(query, "query");
        documents = List.copyOf(documents);
    }
}
