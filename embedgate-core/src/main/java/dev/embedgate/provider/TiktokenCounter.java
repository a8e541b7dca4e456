package dev.embedgate.provider;

import com.knuddels.jtokkit.api.EncodingResult;

/**
 * OpenAI's byte-pair tokenizer (JTokkit), counting exactly as OpenAI bills. Special-token text such as
 * {@code <|endoftext|>} counts as ordinary text, as the embeddings API treats it. Thread-safe.
 */
public final class TiktokenCounter implements TokenCounter {

    private static final TiktokenCounter CL100K = new TiktokenCounter();

    private TiktokenCounter() {
    }

    /** cl100k_base, the encoding of text-embedding-3-small, text-embedding-3-large and text-embedding-ada-002. */
    public static TiktokenCounter cl100k() {
        return CL100K;
    }

    @Override
    public int count(String text) {
        return Cl100k.ENCODING.countTokensOrdinary(text);
    }

    /**
     * The longest prefix of the text that fits in {@code maxTokens} tokens, cut at a token boundary (never inside
     * a character); the text itself when it fits.
     */
    public String truncate(String text, int maxTokens) {
        // No cl100k token is shorter than one UTF-8 byte and no char longer than three, so short texts fit as they are.
        if ((long) text.length() * 3 <= maxTokens) {
            return text;
        }
        EncodingResult result = Cl100k.ENCODING.encodeOrdinary(text, maxTokens);
        return result.isTruncated() ? text.substring(0, result.getLastProcessedCharacterIndex() + 1) : text;
    }
}
