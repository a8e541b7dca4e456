package dev.embedgate.provider;

/**
 * Counts the tokens a text costs at a provider, for batch planning, rate limits and usage. Implementations are
 * thread-safe and never return less than 1 for a non-empty text.
 */
public interface TokenCounter {

    /** Tokens the text costs. */
    int count(String text);

    /** Exact counts for OpenAI's models (cl100k_base, as text-embedding-3-* and ada-002 use). */
    static TokenCounter cl100k() {
        return TiktokenCounter.cl100k();
    }

    /** A cautious estimate for models whose tokenizer EmbedGate does not hold. */
    static TokenCounter estimate() {
        return EstimatedTokenCounter.INSTANCE;
    }
}
