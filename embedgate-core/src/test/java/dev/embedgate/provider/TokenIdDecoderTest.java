package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.error.InvalidRequestException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cl100k_base token ids: which are tokens, what they decode to, and when they are their text's own encoding. */
class TokenIdDecoderTest {

    // "Crème brûlée and 日本語" as tiktoken's cl100k_base encodes it; 語 is split over the last two tokens
    private static final int[] CREME = {16384, 25253, 1437, 30872, 75, 8047, 323, 76502, 22656, 45918, 252};

    @Test
    void idsDecodeToTheirText() {
        assertThat(TokenIdDecoder.decodeAll(List.of(CREME, new int[] {15339}))).containsExactly(
                "Crème brûlée and 日本語", "hello");
    }

    @Test
    void ordinaryAndSpecialTokensAreTokensButTheGapsBetweenThemAreNot() {
        assertThat(TokenIdDecoder.isToken(0)).isTrue();
        assertThat(TokenIdDecoder.isToken(100_255)).isTrue();
        assertThat(TokenIdDecoder.isToken(100_257)).as("<|endoftext|>").isTrue();
        assertThat(TokenIdDecoder.isToken(100_276)).as("<|endofprompt|>").isTrue();
        for (long notAToken : new long[] {-1, 100_256, 100_261, 100_275, 100_277, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            assertThat(TokenIdDecoder.isToken(notAToken)).as("%d", notAToken).isFalse();
        }
        assertThat(TokenIdDecoder.decodeAll(List.of(new int[] {100_257}))).containsExactly("<|endoftext|>");
    }

    @Test
    void anIdThatIsNoTokenIsRefusedNamingTheInputAndPosition() {
        var refused = catchThrowableOfType(InvalidRequestException.class,
                () -> TokenIdDecoder.decodeAll(List.of(CREME, new int[] {15339, 100_256})));

        assertThat(refused.param()).isEqualTo("input[1]");
        assertThat(refused.code()).isEqualTo("invalid_token_id");
        assertThat(refused).hasMessageContaining("100256 at position 1");
    }

    @Test
    void aCharacterSplitBetweenTwoChunksBecomesAReplacementCharacterInEach() {
        int[] head = Arrays.copyOf(CREME, 10);
        int[] tail = Arrays.copyOfRange(CREME, 10, CREME.length);

        assertThat(TokenIdDecoder.decodeAll(List.of(head, tail))).containsExactly("Crème brûlée and 日本\uFFFD",
                "\uFFFD");
    }

    @Test
    void onlyTheTextsOwnEncodingIsCanonical() {
        assertThat(TokenIdDecoder.isCanonical(CREME, "Crème brûlée and 日本語")).isTrue();
        assertThat(TokenIdDecoder.isCanonical(new int[] {15339}, "hello")).isTrue();
        assertThat(TokenIdDecoder.isCanonical(new int[] {50222, 385}, "hello")).as("hel + lo").isFalse();
        assertThat(TokenIdDecoder.isCanonical(new int[] {100_257}, "<|endoftext|>")).as("the special token").isFalse();
        assertThat(TokenIdDecoder.isCanonical(Arrays.copyOf(CREME, 10), "Crème brûlée and 日本\uFFFD")).isFalse();
    }
}
