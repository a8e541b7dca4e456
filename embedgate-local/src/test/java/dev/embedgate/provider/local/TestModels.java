package dev.embedgate.provider.local;

import dev.embedgate.testdata.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Built-in model specs and token counting for tests. */
final class TestModels {

    private static final TextTokenizer UNTRUNCATED_MINILM = untruncatedMinilmTokenizer();

    private TestModels() {
    }

    static LocalModelSpec spec(String name) {
        return BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** WordPiece tokens of the text with [CLS] and [SEP], never truncated (same vocabulary for MiniLM and bge). */
    static int tokenCount(String text) {
        return UNTRUNCATED_MINILM.tokenize(List.of(text)).getFirst().length();
    }

    /** The text's WordPiece token ids with [CLS] and [SEP], never truncated. */
    static long[] tokenize(String text) {
        return UNTRUNCATED_MINILM.tokenize(List.of(text)).getFirst().ids();
    }

    /** The first {@code count} corpus texts, in file order, whose {@link #tokenCount} is within [min, max]. */
    static List<String> corpusTexts(int minTokens, int maxTokens, int count) {
        List<String> texts = SharedData.corpus().values().stream()
                .filter(text -> {
                    int tokens = tokenCount(text);
                    return tokens >= minTokens && tokens <= maxTokens;
                })
                .limit(count)
                .toList();
        if (texts.size() < count) {
            throw new IllegalStateException("the corpus has only " + texts.size() + " texts of " + minTokens + "-"
                    + maxTokens + " tokens; " + count + " wanted");
        }
        return texts;
    }

    private static TextTokenizer untruncatedMinilmTokenizer() {
        try (var json = spec(BuiltInModels.MINILM).source().openTokenizerJson()) {
            return new TextTokenizer(json, 100_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
