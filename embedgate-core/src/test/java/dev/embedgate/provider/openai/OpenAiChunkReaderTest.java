package dev.embedgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.provider.openai.OpenAiChunkReader.Chunk;
import dev.embedgate.provider.http.ServerSentEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiChunkReaderTest {

    @Test
    void readsTheFirstChoicesDeltaTextAndFinishReasonAndSkipsEverythingElse() throws IOException {
        Chunk chunk = read("""
                {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":null,
                 "extra":{"nested":[1,{"content":"not this"}]},
                 "choices":[{"index":0,"delta":{"role":"assistant","content":"caf\\u00e9 \\"ok\\"","tool_calls":[{"a":1}]},
                             "logprobs":null,"finish_reason":"length"},
                            {"index":1,"delta":{"content":"second choice"},"finish_reason":"stop"}]}
                """);

        assertThat(chunk).isEqualTo(new Chunk("café \"ok\"", "length", -1, -1, null));
    }

    @Test
    void readsUsageFromTheLastChunk() throws IOException {
        Chunk chunk = read("""
                {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,
                 "prompt_tokens_details":{"cached_tokens":0}}}""");

        assertThat(chunk).isEqualTo(new Chunk(null, null, 12, 30, null));
    }

    @Test
    void aRoleOnlyOrNullDeltaHasNoText() throws IOException {
        assertThat(read("{\"choices\":[{\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}"))
                .isEqualTo(new Chunk(null, null, -1, -1, null));
        assertThat(read("{\"choices\":[{\"delta\":{\"content\":null}}],\"usage\":null}"))
                .isEqualTo(new Chunk(null, null, -1, -1, null));
    }

    @Test
    void anErrorMemberIsReadAsTextOrAsItsMessage() throws IOException {
        assertThat(read("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}").error())
                .isEqualTo("overloaded");
        assertThat(read("{\"error\":\"rate limited\"}").error()).isEqualTo("rate limited");
        assertThat(read("{\"error\":{\"code\":500}}").error()).isEqualTo("{\"code\":500}");
        assertThat(read("{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"x\"}}]}"))
                .isEqualTo(new Chunk("x", null, -1, -1, null));
    }

    @Test
    void textInTheChunksOwnBytesIsReadAsUtf8AndMalformedBytesBecomeReplacementCharacters() throws IOException {
        byte[] head = "{\"choices\":[{\"delta\":{\"content\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}]}".getBytes(StandardCharsets.UTF_8);
        byte[] text = {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};
        byte[] broken = {'a', (byte) 0xC3, 'b', (byte) 0xFF};

        assertThat(new OpenAiChunkReader().read(event(head, text, tail)).content()).isEqualTo("caf\u00e9 \ud83d\ude00");
        assertThat(new OpenAiChunkReader().read(event(head, broken, tail)).content()).isEqualTo("a\ufffdb\ufffd");
    }

    @Test
    void oneReaderReadsAStreamsChunksOneAfterTheOtherAndRecoversAfterOneItCouldNotReadFed() throws IOException {
        var reader = new OpenAiChunkReader();
        String text = "{\"choices\":[{\"delta\":{\"content\":\"%s\"}}]}";

        assertThat(reader.read(ServerSentEvent.message(text.formatted("one"))).content()).isEqualTo("one");
        assertThat(reader.read(ServerSentEvent.message(" " + text.formatted("two") + "\n")).content()).isEqualTo("two");
        assertThat(reader.read(ServerSentEvent.message("{\"error\":{\"message\":\"late\"}}")).error()).isEqualTo("late");
        assertThat(reader.read(ServerSentEvent.message(text.formatted("three"))).content()).isEqualTo("three");
        assertThatThrownBy(() -> reader.read(ServerSentEvent.message("{\"choices\":[{\"delta\":{"))).isInstanceOf(IOException.class);
        assertThat(reader.read(ServerSentEvent.message(text.formatted("four"))).content()).isEqualTo("four");
        reader.close();
        assertThat(reader.read(ServerSentEvent.message(text.formatted("five"))).content()).isEqualTo("five");
        assertThatThrownBy(() -> reader.read(ServerSentEvent.message(text.formatted("x") + "{}"))).isInstanceOf(IOException.class);
        assertThat(reader.read(ServerSentEvent.message("{\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4},\"choices\":[]}")))
                .isEqualTo(new Chunk(null, null, 3, 4, null));
    }

    @Test
    void whatIsNotOneJsonObjectIsRefused() {
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"choices\": [")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{} {}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"choices\":[{\"delta\":{\"content\":\"\u00e9\"}}]} x"))
                .isInstanceOf(IOException.class);
    }

    private static Chunk read(String data) throws IOException {
        return new OpenAiChunkReader().read(ServerSentEvent.message(data));
    }

    private static ServerSentEvent event(byte[]... parts) {
        var data = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            data.writeBytes(part);
        }
        return ServerSentEvent.fromUtf8(ServerSentEvent.DEFAULT_TYPE, data.toByteArray(), "");
    }
}
