package dev.embedgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.provider.openai.OpenAiChunkReader.Chunk;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OpenAiChunkReaderTest {

    @Test
    void readsTheFirstChoicesDeltaTextAndFinishReasonAndSkipsEverythingElse() throws IOException {
        Chunk chunk = OpenAiChunkReader.read("""
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
        Chunk chunk = OpenAiChunkReader.read("""
                {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,
                 "prompt_tokens_details":{"cached_tokens":0}}}""");

        assertThat(chunk).isEqualTo(new Chunk(null, null, 12, 30, null));
    }

    @Test
    void aRoleOnlyOrNullDeltaHasNoText() throws IOException {
        assertThat(OpenAiChunkReader.read("{\"choices\":[{\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}"))
                .isEqualTo(new Chunk(null, null, -1, -1, null));
        assertThat(OpenAiChunkReader.read("{\"choices\":[{\"delta\":{\"content\":null}}],\"usage\":null}"))
                .isEqualTo(new Chunk(null, null, -1, -1, null));
    }

    @Test
    void anErrorMemberIsReadAsTextOrAsItsMessage() throws IOException {
        assertThat(OpenAiChunkReader.read("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}").error())
                .isEqualTo("overloaded");
        assertThat(OpenAiChunkReader.read("{\"error\":\"rate limited\"}").error()).isEqualTo("rate limited");
        assertThat(OpenAiChunkReader.read("{\"error\":{\"code\":500}}").error()).isEqualTo("{\"code\":500}");
        assertThat(OpenAiChunkReader.read("{\"error\":null,\"choices\":[{\"delta\":{\"content\":\"x\"}}]}"))
                .isEqualTo(new Chunk("x", null, -1, -1, null));
    }

    @Test
    void whatIsNotOneJsonObjectIsRefused() {
        assertThatThrownBy(() -> OpenAiChunkReader.read("[1,2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OpenAiChunkReader.read("{\"choices\": [")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OpenAiChunkReader.read("{} {}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OpenAiChunkReader.read("")).isInstanceOf(IOException.class);
    }
}
