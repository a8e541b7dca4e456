package dev.embedgate.embedding;

/**
 * What one request may ask for.
 *
 * @param maxInputs           most texts in one request (OpenAI's limit is 2048)
 * @param maxCharsPerInput    longest text accepted, in UTF-16 chars; longer ones are refused before tokenizing
 * @param maxTokenIdsPerInput most token ids in one input sent as ids (OpenAI's limit per input is 8192 tokens,
 *                            and LangChain cuts longer texts into chunks of 8191)
 */
public record EmbeddingLimits(int maxInputs, int maxCharsPerInput, int maxTokenIdsPerInput) {

    public static final EmbeddingLimits DEFAULT = new EmbeddingLimits(2048, 200_000, 8192);

    public EmbeddingLimits {
        if (maxInputs <= 0 || maxCharsPerInput <= 0 || maxTokenIdsPerInput <= 0) {
            throw new IllegalArgumentException("limits must be positive: maxInputs=" + maxInputs
                    + ", maxCharsPerInput=" + maxCharsPerInput + ", maxTokenIdsPerInput=" + maxTokenIdsPerInput);
        }
    }
}
