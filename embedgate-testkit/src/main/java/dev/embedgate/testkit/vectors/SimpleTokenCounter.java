package dev.embedgate.testkit.vectors;

import java.util.Arrays;
import java.util.List;

/**
 * The simulator's own token count, used for every provider's limits, usage fields and tokens-per-minute buckets:
 * whitespace-separated words plus 2 per input (for the special tokens a real tokenizer adds). It is deliberately
 * simple and is not any provider's tokenizer; a client that counts with the real one sees somewhat different numbers.
 */
public final class SimpleTokenCounter {

    /** Tokens every input costs on top of its words. */
    public static final int PER_INPUT = 2;

    private SimpleTokenCounter() {
    }

    public static long count(String text) {
        return words(text) + PER_INPUT;
    }

    public static long count(List<String> texts) {
        long total = 0;
        for (String text : texts) {
            total += count(text);
        }
        return total;
    }

    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** The text cut to its first {@code maxTokens - PER_INPUT} words (or its last, if {@code keepEnd}). */
    static String truncate(String text, int maxTokens, boolean keepEnd) {
        String[] words = text.trim().split("\\s+");
        int keep = Math.max(0, maxTokens - PER_INPUT);
        if (words.length <= keep) {
            return text;
        }
        int from = keepEnd ? words.length - keep : 0;
        return String.join(" ", Arrays.copyOfRange(words, from, from + keep));
    }
}
