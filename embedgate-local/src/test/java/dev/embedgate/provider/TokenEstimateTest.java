package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.embedgate.testdata.SharedData;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token estimate stays at or above a WordPiece tokenizer's count on real text, so planned batches fit. */
class TokenEstimateTest {

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
