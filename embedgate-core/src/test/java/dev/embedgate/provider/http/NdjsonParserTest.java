package dev.embedgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Newline-delimited JSON (Ollama's stream) line by line, however the bytes are cut into chunks. */
class NdjsonParserTest {

    private static final String OLLAMA_STYLE = """
            {"model":"llama3.2","message":{"role":"assistant","content":"Hel"},"done":false}
            {"model":"llama3.2","message":{"role":"assistant","content":"l\u00f6 \ud83d\ude00"},"done":false}
            {"model":"llama3.2","message":{"role":"assistant","content":""},"done":true,"eval_count":2}
            """;

    @Test
    void eachLineIsOneEventHoweverTheBytesAreCut() throws Exception {
        List<String> whole = parse(OLLAMA_STYLE.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = OLLAMA_STYLE.getBytes(StandardCharsets.UTF_8);

        assertThat(whole).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(whole.get(1)).contains("l\u00f6 \ud83d\ude00");
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(parse(Arrays.copyOfRange(bytes, 0, cut), Arrays.copyOfRange(bytes, cut, bytes.length)))
                    .as("cut at byte %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void crLfEndsLinesAndBlankLinesAreSkipped() throws Exception {
        assertThat(parse(utf8("{\"a\":1}\r\n\r\n  \n{\"a\":2}\r"), utf8("\n{\"a\":3}\n")))
                .containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
    }

    @Test
    void theLastLineNeedsNoLineEnd() throws Exception {
        assertThat(parse(utf8("{\"a\":1}\n{\"done\":true}"))).containsExactly("{\"a\":1}", "{\"done\":true}");
    }

    @Test
    void aLineLongerThanTheBoundFails() {
        var parser = new NdjsonParser(100);

        assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(utf8("{\"x\":\"" + "y".repeat(200))), line -> true))
                .isInstanceOf(MalformedStreamException.class).hasMessageContaining("larger than 100 bytes");
    }

    @Test
    void aLineOfExactlyTheBoundPassesEvenWhenItArrivesByteByByte() throws Exception {
        String line = "{\"x\":\"" + "y".repeat(92) + "\"}";
        assertThat(line).hasSize(100);
        var parser = new NdjsonParser(100);
        var lines = new ArrayList<String>();
        for (byte b : utf8(line + "\n")) {
            parser.feed(ByteBuffer.wrap(new byte[] {b}), lines::add);
        }
        assertThat(lines).containsExactly(line);
        assertThatThrownBy(() -> new NdjsonParser(100).feed(ByteBuffer.wrap(utf8(line + "y")), ignored -> true))
                .isInstanceOf(MalformedStreamException.class).hasMessageContaining("larger than 100 bytes");
    }

    private static List<String> parse(byte[]... chunks) throws MalformedStreamException {
        var parser = new NdjsonParser(StreamSettings.DEFAULT_MAX_EVENT_BYTES);
        var lines = new ArrayList<String>();
        for (byte[] chunk : chunks) {
            parser.feed(ByteBuffer.wrap(chunk), lines::add);
        }
        parser.end(lines::add);
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
