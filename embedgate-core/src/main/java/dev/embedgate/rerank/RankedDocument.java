package dev.embedgate.rerank;

/**
 * One document's place in a reranked answer.
 *
 * @param index the document's position in the request
 * @param score its relevance score: higher is more relevant; comparable only within one answer's ranker
 */
public record RankedDocument(int index, double score) {
}
