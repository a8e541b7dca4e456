package dev.embedgate.memory;

/**
 * A memory a search found, with its score: cosine similarity (-1..1) for vector searches, the store's relevance
 * (higher is better, comparable only within one answer) for keyword searches, the importance for importance ranking.
 */
public record ScoredMemory(Memory memory, double score) {
}
