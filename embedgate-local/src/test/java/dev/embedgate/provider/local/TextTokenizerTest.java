package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.testdata.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Long texts are tokenized from a prefix cut at whitespace; the tokens kept and the truncation flag must be exactly
 * those of tokenizing the whole text, whatever the text is made of.
 */
class TextTokenizerTest {

    @Test
    void aLongTextTokenizedFromItsPrefixGetsTheWholeTextsTokens() throws IOException {
        for (String model : List.of(BuiltInModels.MINILM, BuiltInModels.BGE_SMALL)) {
            int limit = TestModels.spec(model).space().maxTokens();
            try (TextTokenizer withPrefix = tokenizer(model, limit, limit * TextTokenizer.PREFIX_CHARS_PER_TOKEN);
                 TextTokenizer whole = tokenizer(model, limit, Integer.MAX_VALUE)) {
                List<String> texts = longTexts(limit);
                List<TokenizedText> fast = withPrefix.tokenize(texts);
                List<TokenizedText> exact = whole.tokenize(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(fast.get(i).ids()).as("%s, text %d", model, i).isEqualTo(exact.get(i).ids());
                    assertThat(fast.get(i).truncated()).as("%s, text %d", model, i).isEqualTo(exact.get(i).truncated());
                }
                // And one at a time (the single-text path).
                assertThat(withPrefix.tokenize(List.of(texts.getFirst())).getFirst().ids()).isEqualTo(exact.getFirst().ids());
            }
        }
    }

    /**
     * A server stopping while requests are tokenized closes the tokenizer under them. Freeing the native tokenizer
     * during an encode aborted the whole JVM (a Rust panic); closing must wait for them, and later calls fail cleanly.
     */
    @Test
    void closingWhileTextsAreTokenizedWaitsForThemAndLaterCallsFailCleanly() throws Exception {
        int limit = TestModels.spec(BuiltInModels.MINILM).space().maxTokens();
        List<String> texts = longTexts(limit);
        var tokenizer = tokenizer(BuiltInModels.MINILM, limit, limit * TextTokenizer.PREFIX_CHARS_PER_TOKEN);
        var started = new CountDownLatch(4);
        var refused = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var runs = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    started.countDown();
                    for (int round = 0; round < 200; round++) {
                        try {
                            assertThat(tokenizer.tokenize(texts)).hasSize(texts.size());
                        } catch (IllegalStateException closed) {
                            refused.incrementAndGet();
                            return null;
                        }
                    }
                    return null;
                }));
            }
            started.await();
            Thread.sleep(20);
            tokenizer.close();
            for (Future<?> run : runs) {
                run.get();
            }
        }
        assertThat(refused).as("threads still tokenizing when it closed").hasPositiveValue();
        assertThatThrownBy(() -> tokenizer.tokenize(List.of("after close"))).isInstanceOf(IllegalStateException.class);
        tokenizer.close();
    }

    /** Corpus prose, prose with huge words, runs of spaces, text without spaces, punctuation, and a short text. */
    private static List<String> longTexts(int limit) {
        List<String> corpus = List.copyOf(SharedData.corpus().values());
        var prose = new StringBuilder();
        for (int i = 0; prose.length() < limit * 40; i++) {
            prose.append(corpus.get(i)).append(' ');
        }
        String text = prose.toString();
        var texts = new ArrayList<String>();
        texts.add(text);
        texts.add(text.substring(0, limit * TextTokenizer.PREFIX_CHARS_PER_TOKEN + 7));
        texts.add("x".repeat(90).concat(" ").repeat(limit * 2));
        texts.add("word" + " ".repeat(limit * 20) + text);
        texts.add("名前は".repeat(limit * 6));
        texts.add("a.b,c;d!".repeat(limit * 3) + " " + text);
        texts.add(text.replace(' ', '\n'));
        // Cuts that fall a few tokens either side of the limit: one-letter words, each with its run of spaces.
        for (int spaces = 9; spaces <= 13; spaces++) {
            texts.add(("a" + " ".repeat(spaces)).repeat(limit * 2));
        }
        texts.add(corpus.get(1));
        return texts;
    }

    private static TextTokenizer tokenizer(String model, int limit, int prefixChars) throws IOException {
        try (var json = TestModels.spec(model).source().openTokenizerJson()) {
            return new TextTokenizer(json, limit, prefixChars);
        }
    }
}
