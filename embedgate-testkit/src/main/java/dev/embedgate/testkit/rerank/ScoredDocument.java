package dev.embedgate.testkit.rerank;

/**
 * One document's score as a simulated reranker answers it.
 *
 * @param index the document's position in the request
 * @param score its relevance (or raw) score
 */
public record ScoredDocument(int index, double score) {
}
