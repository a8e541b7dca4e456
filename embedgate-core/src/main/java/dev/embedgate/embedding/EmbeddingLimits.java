package dev.embedgate.embedding;

/**
 * What one request may ask for.
 *
 * @param maxInputs        most texts in one request (OpenAI's limit is 2048)
 * @param maxCharsPerInput longest text accepted, in UTF-16 chars; longer ones are refused before tokenizing
 */
public record EmbeddingLimits(int maxInputs, int maxCharsPerInput) {

    public static final EmbeddingLimits DEFAULT = new EmbeddingLimits(2048, 200_000);

    public EmbeddingLimits {
        if (maxInputs <= 0 || maxCharsPerInput <= 0) {
            throw new IllegalArgumentException("limits must be positive: maxInputs=" + maxInputs
                    + ", maxCharsPerInput=" + maxCharsPerInput);
        }
    }
}
