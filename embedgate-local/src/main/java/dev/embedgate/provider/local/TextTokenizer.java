package dev.embedgate.provider.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.util.PairList;
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
 * <p>{@link #tokenizePairs} encodes (query, document) pairs for a cross-encoder, with the same prefix rule for long
 * texts and the same limit for the whole pair.
 *
 * <p>Closing waits for the tokenizations under way: the native tokenizer freed under a running encode aborts the JVM.
 * After closing, {@link #tokenize} throws {@link IllegalStateException}.
 */
final class TextTokenizer implements AutoCloseable {

    /** Characters of prefix per token of the limit: at least twice what English needs (about 4.5 per token). */
    static final int PREFIX_CHARS_PER_TOKEN = 12;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
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
        this.maxTokens = maxTokens;
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

    /**
     * The pairs (query, each document) in the tokenizer's pair template, with token types, cut to the limit.
     *
     * <p>Truncation keeps the query whole when it has at most {@link #maxQueryTokens()} tokens, else its first words
     * within them, and cuts the document to the rest. The query is cut the same way for every document, so all of a
     * request's documents are judged against the same query; sentence-transformers' {@code longest_first} would cut a
     * long query more for long documents than for short ones. For queries within the cap (nearly all) the two agree
     * token for token: the native tokenizer runs {@code longest_first}, which then only ever cuts the document.
     */
    List<TokenizedPair> tokenizePairs(String query, List<String> documents) {
        closing.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the tokenizer has been closed");
            }
            return tokenizePairsOpen(queryWithinCap(query), documents);
        } finally {
            closing.readLock().unlock();
        }
    }

    /**
     * Most tokens the query keeps in a pair: half the limit less two, so that the document always has at least as
     * many (the pair templates of BERT and RoBERTa add three and four special tokens).
     */
    int maxQueryTokens() {
        return maxTokens / 2 - 2;
    }

    private List<TokenizedPair> tokenizePairsOpen(String query, List<String> documents) {
        var pairs = new PairList<String, String>(documents.size());
        for (String document : documents) {
            pairs.add(query, prefixOf(document));
        }
        Encoding[] encodings = documents.size() == 1
                ? new Encoding[] {tokenizer.encode(query, pairs.get(0).getValue())}
                : tokenizer.batchEncode(pairs);
        var result = new ArrayList<TokenizedPair>(encodings.length);
        for (int i = 0; i < encodings.length; i++) {
            Encoding encoding = encodings[i];
            String document = documents.get(i);
            if (pairs.get(i).getValue() != document && !encoding.exceedMaxLength()) {
                encoding = tokenizer.encode(query, document);
            }
            result.add(new TokenizedPair(encoding.getIds(), encoding.getTypeIds()));
        }
        return result;
    }

    /** The query, or its words that fit in {@link #maxQueryTokens()} tokens. */
    private String queryWithinCap(String query) {
        int cap = maxQueryTokens();
        String text = prefixOf(query);
        Encoding encoding = tokenizer.encode(text, false, false);
        if (encoding.getIds().length <= cap && text != query) {
            text = query;
            encoding = tokenizer.encode(query, false, false);
        }
        if (encoding.getIds().length <= cap) {
            return text;
        }
        // Cut where the first token past the cap starts, moved back to the start of its word, so that the kept words
        // tokenize as they did; a single word longer than the cap is cut inside (its leading pieces stay the same).
        long[] words = encoding.getWordIds();
        int cut = cap;
        while (cut > 0 && words[cut] == words[cut - 1]) {
            cut--;
        }
        if (cut == 0) {
            cut = cap;
        }
        // The native tokenizer's offsets count code points.
        return text.substring(0, text.offsetByCodePoints(0, encoding.getCharTokenSpans()[cut].getStart()));
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
