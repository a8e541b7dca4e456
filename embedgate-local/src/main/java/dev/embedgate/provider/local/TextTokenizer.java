package dev.embedgate.provider.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A model's tokenizer with truncation set from the space (never from what tokenizer.json happens to say)
 * and no padding: the batcher pads each batch only to its longest text. Thread-safe.
 *
 * <p>A text far longer than the model reads is tokenized from a prefix cut at whitespace: the words before the cut
 * tokenize as they do in the whole text (the pre-tokenizers of these models split at whitespace and never look
 * across it), so when the prefix alone exceeds the limit its first tokens are the whole text's. Only when it does not
 * (very long words, long runs of spaces) is the whole text tokenized. This keeps an 8,000-character text from
 * costing 2,000 tokens of work and memory for the 256 that are kept.
 *
 * <p>Closing waits for the tokenizations under way: the native tokenizer freed under a running encode aborts the JVM.
 * After closing, {@link #tokenize} throws {@link IllegalStateException}.
 */
final class TextTokenizer implements AutoCloseable {

    /** Characters of prefix per token of the limit: at least twice what English needs (about 4.5 per token). */
    static final int PREFIX_CHARS_PER_TOKEN = 12;

    private final HuggingFaceTokenizer tokenizer;
    private final int prefixChars;
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private boolean closed;

    TextTokenizer(InputStream tokenizerJson, int maxTokens) throws IOException {
        this(tokenizerJson, maxTokens, maxTokens * PREFIX_CHARS_PER_TOKEN);
    }

    /** @param prefixChars texts longer than this are tokenized from a prefix of about this length first */
    TextTokenizer(InputStream tokenizerJson, int maxTokens, int prefixChars) throws IOException {
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "maxLength", Integer.toString(maxTokens),
                // Without this the library quietly caps maxLength at its own idea of the model's limit (512).
                "modelMaxLength", Integer.toString(maxTokens),
                "padding", "false"));
        this.prefixChars = prefixChars;
    }

    List<TokenizedText> tokenize(List<String> texts) {
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the tokenizer has been closed");
            }
            return tokenizeOpen(texts);
        } finally {
            closing.readLock().unlock();
        }
    }

    private List<TokenizedText> tokenizeOpen(List<String> texts) {
        List<String> inputs = new ArrayList<>(texts.size());
        boolean anyCut = false;
        for (String text : texts) {
            String prefix = prefixOf(text);
            anyCut |= prefix != text;
            inputs.add(prefix);
        }
        Encoding[] encodings = encode(inputs);
        var result = new ArrayList<TokenizedText>(encodings.length);
        for (int i = 0; i < encodings.length; i++) {
            Encoding encoding = encodings[i];
            if (anyCut && inputs.get(i) != texts.get(i) && !encoding.exceedMaxLength()) {
                encoding = tokenizer.encode(texts.get(i));
            }
            result.add(new TokenizedText(encoding.getIds(), encoding.exceedMaxLength()));
        }
        return result;
    }

    private Encoding[] encode(List<String> texts) {
        return texts.size() == 1 ? new Encoding[] {tokenizer.encode(texts.getFirst())} : tokenizer.batchEncode(texts);
    }

    /** The text up to the last whitespace before {@code prefixChars}, or the whole text if it is short or has none. */
    private String prefixOf(String text) {
        if (text.length() <= prefixChars) {
            return text;
        }
        for (int end = prefixChars; end > prefixChars / 2; end--) {
            if (Character.isWhitespace(text.charAt(end))) {
                return text.substring(0, end);
            }
        }
        return text;
    }

    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
            }
        } finally {
            closing.writeLock().unlock();
        }
    }
}
