package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesWhatJacksonWritesForTextOfEveryKind() {
        for (String text : List.of("", "plain words", " a \"quoted\" word", "back\\slash", "line\nbreak\r\ttab\b\f",
                "\u0000\u0001\u001f\u007f", "café ünïcödé", "\u2603 snow \u20ac", "emoji \ud83d\ude00 and \ud83c\udf0d",
                "\u0800\uffff\u07ff")) {
            assertThat(new String(written(text), StandardCharsets.UTF_8)).as(text)
                    .isEqualTo(new String(JsonStringEncoder.getInstance().quoteAsUTF8(text), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLoneSurrogateIsEscapedSoTheJsonReadsBackAsTheSameText() throws Exception {
        for (String text : List.of("\ud800", "end \udbff", "\udc00 start", "two \ud83d\ud83d highs", "low \ude00\ud83d")) {
            String json = "\"" + new String(written(text), StandardCharsets.UTF_8) + "\"";
            assertThat(JSON.readValue(json, String.class)).as(json).isEqualTo(text);
        }
    }

    @Test
    void neverWritesMoreThanItsBoundPerCharacter() {
        String worst = "\u0001".repeat(100);
        byte[] out = new byte[JsonStringBytes.MAX_BYTES_PER_CHAR * worst.length()];
        assertThat(JsonStringBytes.write(worst, out, 0)).isEqualTo(out.length);
    }

    private static byte[] written(String text) {
        byte[] out = new byte[3 + JsonStringBytes.MAX_BYTES_PER_CHAR * text.length()];
        out[0] = 'x';
        int end = JsonStringBytes.write(text, out, 1);
        assertThat(out[0]).as("nothing before the start is touched").isEqualTo((byte) 'x');
        return Arrays.copyOfRange(out, 1, end);
    }
}
