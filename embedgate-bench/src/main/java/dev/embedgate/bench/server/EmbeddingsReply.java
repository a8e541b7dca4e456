package dev.embedgate.bench.server;

/**
 * The parts of an OpenAI-format embeddings response the benchmark checks.
 *
 * @param vectors      entries in {@code data}
 * @param dimensions   length of the first vector
 * @param promptTokens {@code usage.prompt_tokens}
 */
public record EmbeddingsReply(int vectors, int dimensions, long promptTokens) {
}
