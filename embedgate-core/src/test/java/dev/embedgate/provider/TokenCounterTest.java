package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** cl100k counts exactly (the estimate is checked against WordPiece where the tokenizer is: embedgate-local). */
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
}
