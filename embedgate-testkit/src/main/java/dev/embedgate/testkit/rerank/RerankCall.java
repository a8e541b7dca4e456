package dev.embedgate.testkit.rerank;

import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import java.util.List;

/**
 * A readable rerank request, whatever the vendor's wire format.
 *
 * @param model         the model named in the body or the URL ("" where the server serves one, as TEI)
 * @param query         the query
 * @param documents     the documents, in request order
 * @param rawScores     TEI's {@code raw_scores}: logits instead of relevance scores
 * @param topN          how many of the best results to answer with; 0 for all of them
 * @param single        Hugging Face: {@code inputs} was one pair, answered with a flat list
 * @param waitsForModel Hugging Face: the caller asked to wait for a loading model
 */
public record RerankCall(String model, String query, List<String> documents, boolean rawScores, int topN,
                         boolean single, boolean waitsForModel) {

    public RerankCall {
        documents = List.copyOf(documents);
    }

    /** A call of the usual shape: every document scored, no raw scores, no waiting. */
    public RerankCall(String model, String query, List<String> documents, int topN) {
        this(model, query, documents, false, topN, false, false);
    }

    /** Tokens the call costs: the query once per document (a cross-encoder reads each pair) plus every document. */
    public long tokens() {
        return SimpleTokenCounter.count(query) * documents.size() + SimpleTokenCounter.count(documents);
    }
}
