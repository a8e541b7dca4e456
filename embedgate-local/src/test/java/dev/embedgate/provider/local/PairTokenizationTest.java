package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** (query, document) pairs as {@link TextTokenizer#tokenizePairs} encodes them for a cross-encoder. */
class PairTokenizationTest {

    private static final int CLS = 101;
    private static final int SEP = 102;

    @Test
    void aPairIsClsQuerySepDocumentSepWithTheDocumentsTokensOfTypeOne() throws IOException {
        try (TextTokenizer tokenizer = tokenizer(512, Integer.MAX_VALUE)) {
            TokenizedPair pair = tokenizer.tokenizePairs("capital of France", List.of("Paris is its capital.")).getFirst();
            long[] query = inner(TestModels.tokenize("capital of France"));
            long[] document = inner(TestModels.tokenize("Paris is its capital."));

            long[] expected = new long[query.length + document.length + 3];
            expected[0] = CLS;
            System.arraycopy(query, 0, expected, 1, query.length);
            expected[query.length + 1] = SEP;
            System.arraycopy(document, 0, expected, query.length + 2, document.length);
            expected[expected.length - 1] = SEP;
            assertThat(pair.ids()).isEqualTo(expected);
            for (int i = 0; i < expected.length; i++) {
                assertThat(pair.typeIds()[i]).as("token %d", i).isEqualTo(i <= query.length + 1 ? 0L : 1L);
            }
        }
    }

    @Test
    void aLongQueryIsCutAtAWordBoundaryWithinHalfTheLengthTheSameForEveryDocument() throws IOException {
        // Accents, an emoji outside the BMP (two Java chars, one code point) and words of several pieces.
        String query = "Où est la café? 🙂 unbelievably tokenizable questions ".repeat(20);
        try (TextTokenizer tokenizer = tokenizer(64, Integer.MAX_VALUE)) {
            List<TokenizedPair> pairs = tokenizer.tokenizePairs(query, List.of("short", "a longer document ".repeat(50)));
            long[] whole = inner(TestModels.tokenize(query));

            for (TokenizedPair pair : pairs) {
                long[] kept = querySegment(pair);
                assertThat(kept.length).isBetween(tokenizer.maxQueryTokens() - 4, tokenizer.maxQueryTokens());
                assertThat(kept).isEqualTo(Arrays.copyOf(whole, kept.length));
                assertThat(pair.length()).isLessThanOrEqualTo(64);
            }
            assertThat(querySegment(pairs.get(0))).isEqualTo(querySegment(pairs.get(1)));
            assertThat(pairs.get(1).length()).isEqualTo(64);
        }
    }

    @Test
    void aLongDocumentTokenizedFromItsPrefixGetsTheWholeDocumentsTokens() throws IOException {
        List<String> documents = List.of("word ".repeat(3000), "x".repeat(9000), "short text", "spaces   ".repeat(2000));
        try (TextTokenizer withPrefix = tokenizer(128, 128 * TextTokenizer.PREFIX_CHARS_PER_TOKEN);
             TextTokenizer whole = tokenizer(128, Integer.MAX_VALUE)) {
            List<TokenizedPair> fast = withPrefix.tokenizePairs("a query", documents);
            List<TokenizedPair> exact = whole.tokenizePairs("a query", documents);
            for (int i = 0; i < documents.size(); i++) {
                assertThat(fast.get(i).ids()).as("document %d", i).isEqualTo(exact.get(i).ids());
                assertThat(fast.get(i).typeIds()).as("document %d", i).isEqualTo(exact.get(i).typeIds());
            }
        }
    }

    private static long[] querySegment(TokenizedPair pair) {
        int sep = 1;
        while (pair.ids()[sep] != SEP) {
            sep++;
        }
        return Arrays.copyOfRange(pair.ids(), 1, sep);
    }

    /** Without [CLS] and the closing [SEP]. */
    private static long[] inner(long[] ids) {
        return Arrays.copyOfRange(ids, 1, ids.length - 1);
    }

    private static TextTokenizer tokenizer(int maxTokens, int prefixChars) throws IOException {
        try (var json = TestModels.spec(BuiltInModels.MINILM).source().openTokenizerJson()) {
            return new TextTokenizer(json, maxTokens, prefixChars);
        }
    }
}
