package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Vectors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 reads 256 tokens (its sentence-transformers limit), not the 128 its bundled tokenizer.json
 * says: shorter texts are read whole, longer ones are cut at 256 and reported, or refused when truncation is off.
 */
class TruncationTest {

    private static final int LIMIT = 256;

    private static LocalOnnxProvider provider;
    private static String shortText;
    private static String overLong;

    @BeforeAll
    static void loadModel() {
        LocalModelSpec spec = TestModels.spec(BuiltInModels.MINILM);
        assertThat(spec.space().maxTokens()).isEqualTo(LIMIT);
        provider = new LocalOnnxProvider(spec, InferenceSettings.defaults(spec.batchable(), 2));
        shortText = TestModels.corpusTexts(10, 40, 1).getFirst();
        overLong = TestModels.corpusTexts(300, 450, 1).getFirst();
    }

    @AfterAll
    static void closeModel() {
        provider.close();
    }

    @Test
    void textsOf129To256TokensAreReadWholeNotCutAt128() {
        String text = TestModels.corpusTexts(129, 150, 1).getFirst();
        String longer = extend(text, 230, 256);

        ProviderResponse response = embed(List.of(text, longer), true);

        assertThat(response.truncatedIndexes()).isEmpty();
        // Were both cut at 128 tokens, the words after token 128 could not change the vector.
        assertThat(Vectors.cosine(response.vectors().get(0), response.vectors().get(1))).isLessThan(0.999);
        assertThat(response.promptTokens()).isEqualTo(TestModels.tokenCount(text) + TestModels.tokenCount(longer));
    }

    @Test
    void aTextOfExactly256TokensIsAcceptedWholeEvenWithTruncationOff() {
        String exact = textOfExactly(LIMIT);

        ProviderResponse response = embed(List.of(exact), false);

        assertThat(response.truncatedIndexes()).isEmpty();
        assertThat(response.promptTokens()).isEqualTo(LIMIT);
    }

    @Test
    void textsOver256TokensAreCutAt256AndReported() {
        String stillLonger = overLong + " It also ships manual pages, shell completions and several example files.";

        ProviderResponse response = embed(List.of(shortText, overLong, stillLonger), true);

        assertThat(response.truncatedIndexes()).containsExactly(1, 2);
        assertThat(response.promptTokens()).isEqualTo(TestModels.tokenCount(shortText) + 2L * LIMIT);
        // Nothing past token 256 reaches the model.
        assertThat(response.vectors().get(2)).containsExactly(response.vectors().get(1), within(1e-6f));
    }

    @Test
    void overLongTextIsRefusedNamingItsIndexWhenTruncationIsOff() {
        var refused = catchThrowableOfType(InvalidRequestException.class,
                () -> embed(List.of(shortText, overLong), false));

        assertThat(refused.param()).isEqualTo("input[1]");
        assertThat(refused.code()).isEqualTo("input_too_long");
        assertThat(refused).hasMessageContaining("256");
    }

    private static ProviderResponse embed(List<String> texts, boolean truncate) {
        return provider.embed(new ProviderRequest(texts, InputType.DOCUMENT, truncate));
    }

    /** The text followed by words of other corpus texts, until it has between min and max tokens. */
    private static String extend(String text, int minTokens, int maxTokens) {
        var result = new StringBuilder(text);
        for (String filler : TestModels.corpusTexts(100, 300, 20)) {
            for (String word : filler.split(" ")) {
                String candidate = result + " " + word;
                int tokens = TestModels.tokenCount(candidate);
                if (tokens > maxTokens) {
                    break;
                }
                result.setLength(0);
                result.append(candidate);
                if (tokens >= minTokens) {
                    return result.toString();
                }
            }
        }
        throw new IllegalStateException("could not extend the text to " + minTokens + "-" + maxTokens + " tokens");
    }

    /** A prefix of a long corpus text, cut at a word boundary, that is exactly the given number of tokens. */
    private static String textOfExactly(int tokens) {
        for (String text : TestModels.corpusTexts(tokens + 20, 500, 20)) {
            String[] words = text.split(" ");
            for (int end = 1; end <= words.length; end++) {
                String prefix = String.join(" ", Arrays.copyOf(words, end));
                int count = TestModels.tokenCount(prefix);
                if (count == tokens) {
                    return prefix;
                }
                if (count > tokens) {
                    break;
                }
            }
        }
        throw new IllegalStateException("no corpus prefix of exactly " + tokens + " tokens");
    }
}
