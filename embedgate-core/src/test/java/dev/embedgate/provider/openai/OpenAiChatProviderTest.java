package dev.embedgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatDeadlines;
import dev.embedgate.chat.ChatMessage;
import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.chat.ChatRequest;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.Secret;
import dev.embedgate.provider.http.LoopbackServer;
import dev.embedgate.provider.http.RemoteEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI chat wire against canned answers: what is sent, and servers that leave things out. */
class OpenAiChatProviderTest {

    private static final Secret KEY = Secret.of("sk-chat-wire-test-0123456789");
    private static final ChatRequest REQUEST = new ChatRequest(List.of(new ChatMessage("user", "Say hello to the world")),
            16, 0.5, 0.8, List.of("END"), "user-7");

    private LoopbackServer server;
    private ChatProvider provider;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        provider = new OpenAiChatProvider("vllm/qwen", new ChatModel("qwen", new ChatDeadlines(Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(10))), new RemoteEndpoint(server.baseUrl(), KEY, null),
                OpenAiOptions.DEFAULT);
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    @Test
    void sendsEveryOptionAndAsksAStreamForItsUsage() {
        server.answer(200, sse("{\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}", "[DONE]"),
                "Content-Type", "text/event-stream");

        provider.stream(REQUEST, delta -> { });

        LoopbackServer.Recorded sent = server.lastRequest();
        assertThat(sent.path()).endsWith("/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY.reveal());
        JsonNode body = sent.json();
        assertThat(body.path("model").asText()).isEqualTo("qwen");
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"Say hello to the world\"}]");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(16);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\"]");
        assertThat(body.path("user").asText()).isEqualTo("user-7");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void aServerThatReportsNoUsageGetsItEstimatedSoARealAnswerNeverCountsZero() {
        server.answer(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Hello, world!\"},"
                + "\"finish_reason\":\"stop\"}]}");
        ChatCompletion whole = provider.complete(REQUEST);

        server.answer(200, sse("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"Hello, \"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"world!\"},\"finish_reason\":\"stop\"}]}", "[DONE]"),
                "Content-Type", "text/event-stream");
        ChatCompletion streamed = provider.stream(REQUEST, delta -> { });

        for (ChatCompletion answer : List.of(whole, streamed)) {
            assertThat(answer.content()).isEqualTo("Hello, world!");
            assertThat(answer.inputTokens()).isEqualTo(provider.countTokens("Say hello to the world"));
            assertThat(answer.outputTokens()).isEqualTo(provider.countTokens("Hello, world!"));
        }
    }

    @Test
    void aBodyThatEndsBeforeItsLastEventIsAFailureAndAStreamBrokenOnceTextWasPassedOn() {
        server.answer(200, sse("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}"), "Content-Type", "text/event-stream");
        ProviderCallException early = catchThrowableOfType(ProviderCallException.class,
                () -> provider.stream(REQUEST, delta -> { }));

        server.answer(200, sse("{\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}"), "Content-Type", "text/event-stream");
        var deltas = new CopyOnWriteArrayList<String>();
        ProviderCallException late = catchThrowableOfType(ProviderCallException.class,
                () -> provider.stream(REQUEST, deltas::add));

        assertThat(early.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(late.kind()).isEqualTo(Kind.STREAM_BROKEN);
        assertThat(deltas).containsExactly("Hello");
    }

    private static String sse(String... data) {
        var out = new StringBuilder();
        for (String event : data) {
            out.append("data: ").append(event).append("\n\n");
        }
        return out.toString();
    }
}
