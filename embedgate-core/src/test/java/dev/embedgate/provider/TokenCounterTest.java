package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.embedgate.testdata.SharedData;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** cl100k counts exactly; the estimate stays at or above a WordPiece tokenizer's count on real text. */
class TokenCounterTest {

    @Test
    void cl100kCountsAsOpenAiBills() {
        TokenCounter counter = TokenCounter.cl100k();

        assertThat(counter.count("hello world")).isEqualTo(2);
        assertThat(counter.count("<|endoftext|>")).isEqualTo(7);   // special-token text is ordinary text
        assertThat(counter.count("word ".repeat(1000))).isBetween(1000, 1001);
    }

    @Test
    void cl100kCutsAtTokenBoundariesNeverInsideACharacter() {
        TiktokenCounter counter = TiktokenCounter.cl100k();
        String text = "party 🎉 time ".repeat(20);

        String cut = counter.truncate(text, 13);

        assertThat(counter.count(cut)).isLessThanOrEqualTo(13);
        assertThat(text).startsWith(cut);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
        assertThat(counter.truncate("short", 8192)).isEqualTo("short");
    }

    @Test
    void theEstimateIsCautiousAgainstWordPieceOnTheCorpus() throws Exception {
        Collection<String> corpus = SharedData.corpus().values();
        int under = 0;
        long estimated = 0;
        long actual = 0;
        try (InputStream json = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2-tokenizer.json");
             var tokenizer = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false", "padding", "false"))) {
            for (String text : corpus) {
                int real = tokenizer.encode(text).getIds().length;
                int estimate = TokenCounter.estimate().count(text);
                estimated += estimate;
                actual += real;
                if (estimate < real) {
                    under++;
                }
            }
        }
        double ratio = (double) estimated / actual;
        System.out.printf("estimate/WordPiece over %d texts: %.3f; %d under%n", corpus.size(), ratio, under);
        assertThat(under).isLessThanOrEqualTo(corpus.size() / 50);
        assertThat(ratio).isBetween(1.0, 1.6);
    }
}
