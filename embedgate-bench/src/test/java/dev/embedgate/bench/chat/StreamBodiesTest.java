package dev.embedgate.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The chat benchmark's request bodies: answers of many lengths, so that the clients do not fall in step. */
class StreamBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String words(int count, int text) {
        return IntStream.range(0, count).mapToObj(i -> "w" + text + "x" + i).collect(Collectors.joining(" "));
    }

    private static List<Integer> promptLengths(List<byte[]> bodies) throws IOException {
        var lengths = new ArrayList<Integer>();
        for (byte[] body : bodies) {
            JsonNode json = JSON.readTree(body);
            assertThat(json.get("stream").asBoolean()).isTrue();
            assertThat(json.get("model").asText()).isEqualTo(StreamBenchmark.MODEL);
            lengths.add(json.get("messages").get(0).get("content").asText().split(" ").length);
        }
        return lengths;
    }

    @Test
    void promptsRunFromHalfTheWordsToHalfAgainAveragingTheWordsAskedFor() throws IOException {
        List<String> texts = IntStream.range(0, 600).mapToObj(text -> words(50, text)).toList();

        List<Integer> lengths = promptLengths(StreamBenchmark.bodies(texts, 26));

        assertThat(lengths).hasSize(600).allSatisfy(length -> assertThat(length).isBetween(13, 39));
        assertThat(lengths.stream().mapToInt(Integer::intValue).average().orElseThrow()).isBetween(25.0, 27.0);
        assertThat(lengths.stream().distinct().count()).isEqualTo(27);
    }

    @Test
    void anOddNumberOfWordsIsTheMiddleOfTheLengthsToo() throws IOException {
        List<String> texts = IntStream.range(0, 600).mapToObj(text -> words(50, text)).toList();

        List<Integer> lengths = promptLengths(StreamBenchmark.bodies(texts, 27));

        assertThat(lengths).allSatisfy(length -> assertThat(length).isBetween(14, 40));
        assertThat(lengths.stream().distinct().count()).isEqualTo(27);
    }

    @Test
    void aTurnsUnmeasuredStartAndEndMustOutlastTheLongestStreamNotTheAverageOne() {
        // The longest body (39 words) is answered in 43 chunks, 15 ms apart, after a pause of up to 15 ms: 660 ms.
        assertThat(StreamPlan.streamMillis(26, 15, 15)).isEqualTo(660);
        assertThatThrownBy(() -> new StreamPlan(List.of(200), 1, Duration.ofSeconds(1), Duration.ofMillis(600),
                Duration.ofSeconds(2), 1, 15, 26, 15))
                .hasMessageContaining("outlast the longest stream (about 660 ms)");
    }

    @Test
    void everyRunDrawsTheSameLengthsSoThatRunsCompare() throws IOException {
        List<String> texts = IntStream.range(0, 50).mapToObj(text -> words(40, text)).toList();

        assertThat(promptLengths(StreamBenchmark.bodies(texts, 26)))
                .isEqualTo(promptLengths(StreamBenchmark.bodies(texts, 26)));
    }

    @Test
    void textsTooShortForTheLongestPromptAreLeftOut() throws IOException {
        List<String> texts = List.of(words(38, 0), words(39, 1), words(12, 2));

        List<byte[]> bodies = StreamBenchmark.bodies(texts, 26);

        assertThat(bodies).hasSize(1);
        assertThat(JSON.readTree(bodies.getFirst()).get("messages").get(0).get("content").asText()).startsWith("w1x0 ");
        assertThatThrownBy(() -> StreamBenchmark.bodies(List.of(words(38, 0)), 26))
                .hasMessageContaining("39 words");
    }
}
