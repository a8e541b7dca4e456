package dev.embedgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.chat.ChatMessage;
import dev.embedgate.testkit.chat.SimulatedChat;
import dev.embedgate.testkit.chat.TokenPacer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's chat endpoints on the wire, read raw: each vendor's shapes, errors, pace and counts. */
class ChatWireTest {

    private static final String KEY = "sk-simulator-chat";
    private static final List<ChatMessage> MESSAGES = List.of(new ChatMessage("system", "Be brief."),
            new ChatMessage("user", "Name three colours of the rainbow please"));
    private static final List<Map<String, String>> WIRE_MESSAGES = List.of(
            Map.of("role", "system", "content", "Be brief."),
            Map.of("role", "user", "content", "Name three colours of the rainbow please"));

    private static ProviderSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @AfterEach
    void reset() {
        simulator.reset();
    }

    @Test
    void theAnswerEchoesTheLastUserMessageWithTheMessageCountOneTokenPerChunk() {
        SimulatedChat.Answer answer = SimulatedChat.answer(MESSAGES);

        assertThat(answer.content()).isEqualTo("You said: Name three colours of the rainbow please (2 messages)");
        assertThat(answer.chunks()).startsWith("You ", "said: ", "Name ").endsWith("messages)");
        assertThat(answer.completionTokens()).isEqualTo(answer.chunks().size());
        assertThat(answer.promptTokens()).isEqualTo((2 + 2) + (7 + 2));
        assertThat(SimulatedChat.answer(MESSAGES, 2, List.of()).content()).isEqualTo("You said: ");
        assertThat(SimulatedChat.answer(MESSAGES, null, List.of("rainbow")).content())
                .isEqualTo("You said: Name three colours of the ");
    }

    @Test
    void openAiAnswersAChatCompletionWithUsage() throws Exception {
        HttpResponse<String> response = Http.post(simulator.openAiBaseUrl() + "/chat/completions",
                Map.of("model", "gpt-4o-mini", "messages", WIRE_MESSAGES, "max_completion_tokens", 4),
                "Authorization", Http.bearer(KEY));

        JsonNode body = Http.json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("You said: Name three ");
        assertThat(body.path("choices").path(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
        assertThat(body.path("usage").path("prompt_tokens").asLong()).isEqualTo(SimulatedChat.promptTokens(MESSAGES));
        assertThat(simulator.log().chatCalls(Route.OPENAI)).isEqualTo(1);
    }

    @Test
    void openAiStreamsChunksThenUsageWhenAskedThenDone() throws Exception {
        HttpResponse<String> response = Http.post(simulator.openAiBaseUrl() + "/chat/completions",
                Map.of("model", "gpt-4o-mini", "messages", WIRE_MESSAGES, "stream", true,
                        "stream_options", Map.of("include_usage", true)), "Authorization", Http.bearer(KEY));

        List<String> data = data(response.body());
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(data.getLast()).isEqualTo("[DONE]");
        JsonNode first = json(data.getFirst());
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
        JsonNode usage = json(data.get(data.size() - 2));
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(SimulatedChat.answer(MESSAGES).chunks().size());
        var text = new StringBuilder();
        data.subList(0, data.size() - 1).forEach(chunk -> text.append(json(chunk).path("choices").path(0).path("delta").path("content").asText("")));
        assertThat(text).hasToString(SimulatedChat.answer(MESSAGES).content());
        assertThat(simulator.log().streams(Route.OPENAI)).isEqualTo(1);
    }

    @Test
    void cohereStreamsTypedEventsEndingWithTheFinishReasonAndUsage() throws Exception {
        HttpResponse<String> response = Http.post(simulator.cohereBaseUrl() + "/v2/chat",
                Map.of("model", "command-r", "messages", WIRE_MESSAGES, "stream", true, "max_tokens", 3),
                "Authorization", Http.bearer(KEY));

        List<String> types = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("event: ")) {
                types.add(line.substring(7));
            }
        }
        assertThat(types).containsExactly("message-start", "content-start", "content-delta", "content-delta",
                "content-delta", "content-end", "message-end");
        JsonNode end = json(data(response.body()).getLast());
        assertThat(end.path("delta").path("finish_reason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(end.path("delta").path("usage").path("billed_units").path("output_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void ollamaStreamsNdjsonByDefaultEndingWithADoneLine() throws Exception {
        HttpResponse<String> response = Http.post(simulator.ollamaBaseUrl() + "/api/chat",
                Map.of("model", "llama3.2", "messages", WIRE_MESSAGES));

        String[] lines = response.body().split("\n");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/x-ndjson");
        assertThat(lines).hasSize(SimulatedChat.answer(MESSAGES).chunks().size() + 1);
        assertThat(json(lines[0]).path("message").path("content").asText()).isEqualTo("You ");
        JsonNode last = json(lines[lines.length - 1]);
        assertThat(last.path("done").asBoolean()).isTrue();
        assertThat(last.path("done_reason").asText()).isEqualTo("stop");
        assertThat(last.path("eval_count").asInt()).isEqualTo(SimulatedChat.answer(MESSAGES).chunks().size());
    }

    @Test
    void errorsBeforeTheFirstTokenComeInEachVendorsShape() throws Exception {
        HttpResponse<String> noKey = Http.post(simulator.openAiBaseUrl() + "/chat/completions",
                Map.of("model", "gpt-4o-mini", "messages", WIRE_MESSAGES));
        simulator.faults(Route.COHERE, Faults.scripted("status:429:3"));
        HttpResponse<String> limited = Http.post(simulator.cohereBaseUrl() + "/v2/chat",
                Map.of("model", "command-r", "messages", WIRE_MESSAGES, "stream", true), "Authorization", Http.bearer(KEY));
        simulator.faults(Route.OLLAMA, Faults.scripted("status:500"));
        HttpResponse<String> failed = Http.post(simulator.ollamaBaseUrl() + "/api/chat",
                Map.of("model", "llama3.2", "messages", WIRE_MESSAGES));

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(Http.json(noKey).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("3");
        assertThat(Http.json(limited).path("message").asText()).isNotEmpty();
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(Http.json(failed).path("error").asText()).isNotEmpty();
    }

    @Test
    void thePaceSetThroughTheAdminEndpointSpacesTheChunksAndTheLogCountsChatCalls() throws Exception {
        HttpResponse<String> put = Http.put(simulator.baseUrl() + "/admin/faults/huggingface", "{\"tokenIntervalMillis\": 25}");
        int chunks = SimulatedChat.answer(MESSAGES).chunks().size();
        long start = System.nanoTime();

        HttpResponse<String> response = Http.post(simulator.huggingFaceBaseUrl() + "/v1/chat/completions",
                Map.of("model", "meta-llama/Llama-3.1-8B-Instruct", "messages", WIRE_MESSAGES, "stream", true),
                "Authorization", Http.bearer(KEY));

        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(25L * (chunks - 1));
        JsonNode log = Http.json(Http.get(simulator.baseUrl() + "/admin/log")).path("huggingface");
        assertThat(log.path("chatCalls").asInt()).isEqualTo(1);
        assertThat(log.path("streams").asInt()).isEqualTo(1);
        assertThat(log.path("cancelledStreams").asInt()).isZero();
    }

    @Test
    void aStreamUnderWayWhenTheSimulatorClosesGoesUnansweredAtOnceAndItsPacerEnds() throws Exception {
        Set<Thread> pacersBefore = pacers();
        var closing = ProviderSimulator.start(SimulatorConfig.defaults());
        boolean closed = false;
        try {
            Http.put(closing.baseUrl() + "/admin/faults/openai", "{\"tokenIntervalMillis\": 10000}");
            var request = HttpRequest.newBuilder(URI.create(closing.openAiBaseUrl() + "/chat/completions"))
                    .header("Authorization", Http.bearer(KEY)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(
                            Map.of("model", "gpt-4o-mini", "messages", WIRE_MESSAGES, "stream", true))))
                    .build();
            CompletableFuture<HttpResponse<String>> answer = Http.CLIENT.sendAsync(request,
                    HttpResponse.BodyHandlers.ofString());
            awaitUpTo(Duration.ofSeconds(10), () -> closing.log().streams(Route.OPENAI) > 0);
            long start = System.nanoTime();

            closing.close();
            closed = true;

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
            assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
            awaitUpTo(Duration.ofSeconds(5), () -> pacers().equals(pacersBefore));
            assertThat(pacers()).as("the simulator's pacer thread ended with it").isEqualTo(pacersBefore);
        } finally {
            if (!closed) {
                closing.close();
            }
        }
    }

    @Test
    void streamFaultStepsTakeAChunkCount() {
        assertThat(Faults.scripted("drop:0", "stall:2", "stream_error:5", "ok").script()).hasSize(4);
        assertThatThrownBy(() -> Faults.scripted("drop")).hasMessageContaining("drop:<chunks>");
        assertThatThrownBy(() -> Faults.scripted("stall:-1")).hasMessageContaining("stall:<chunks");
    }

    /** Waits until {@code condition} holds or {@code timeout} passed, whichever comes first. */
    private static void awaitUpTo(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static Set<Thread> pacers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(TokenPacer.THREAD_NAME)).collect(Collectors.toSet());
    }

    private static List<String> data(String body) {
        var data = new ArrayList<String>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring(6));
            }
        }
        return data;
    }

    private static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
