package dev.embedgate.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.chat.ChatMessage;
import dev.embedgate.provider.Capability;
import dev.embedgate.server.api.RawHttp;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import dev.embedgate.testkit.chat.SimulatedChat;
import dev.embedgate.usage.UsageEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/chat/completions} over every chat provider kind at the simulator: whole and streamed answers equal to
 * what the simulated model says, failover and fallback models before the first token, an error event (and no
 * failover) after it, deadlines, a client that hangs up cancelling the upstream stream, and the ledger.
 */
class ChatApiTest {

    private static ProviderSimulator simulator;
    private static TestServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
        server = ChatGateway.start(simulator, dir, "");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.reset();
    }

    @Test
    void everyKindAnswersWholeWithWhatItsModelSaidAndItsUsage() {
        for (String model : List.of("gpt-4o-mini", "llama", "command-r")) {
            String question = "Which provider answers for " + model + "?";
            HttpResponse<String> response = chat(model, question, false, "");

            assertThat(response.statusCode()).as(model + ": " + response.body()).isEqualTo(200);
            SimulatedChat.Answer expected = SimulatedChat.answer(List.of(new ChatMessage("user", question)));
            JsonNode answer = TestServer.json(response);
            assertThat(answer.get("object").asText()).isEqualTo("chat.completion");
            assertThat(answer.get("id").asText()).startsWith("chatcmpl-");
            assertThat(answer.get("model").asText()).isEqualTo(model);
            assertThat(answer.at("/choices/0/message/role").asText()).isEqualTo("assistant");
            assertThat(answer.at("/choices/0/message/content").asText()).as(model).isEqualTo(expected.content());
            assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
            assertThat(answer.at("/usage/prompt_tokens").asLong()).as(model).isEqualTo(expected.promptTokens());
            assertThat(answer.at("/usage/completion_tokens").asLong()).as(model).isEqualTo(expected.completionTokens());
            assertThat(response.headers().firstValue("X-EmbedGate-Provider")).hasValueSatisfying(
                    provider -> assertThat(provider).startsWith("sim-"));
        }
    }

    @Test
    void everyKindStreamsChunksEndingWithUsageAndDone() {
        for (String model : List.of("gpt-4o-mini", "llama", "command-r")) {
            String question = "Stream the answer of " + model + " please";
            HttpResponse<String> response = chat(model, question, true, ", \"stream_options\": {\"include_usage\": true}");

            assertThat(response.statusCode()).as(model + ": " + response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(response.headers().firstValue("X-EmbedGate-Model")).as(model).hasValue(model);
            assertThat(response.headers().firstValue("Cache-Control")).as(model).hasValue("no-cache");
            SimulatedChat.Answer expected = SimulatedChat.answer(List.of(new ChatMessage("user", question)));
            SseAnswer stream = SseAnswer.parse(response.body());
            assertThat(stream.done()).as(model).isTrue();
            assertThat(stream.content()).as(model).isEqualTo(expected.content());
            assertThat(stream.contentChunks()).as(model).isGreaterThan(3);
            assertThat(stream.events().getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(stream.last().get("choices")).isEmpty();
            assertThat(stream.last().at("/usage/completion_tokens").asLong()).isEqualTo(expected.completionTokens());
            assertThat(stream.events().get(stream.events().size() - 2).at("/choices/0/finish_reason").asText())
                    .isEqualTo("stop");
        }
    }

    @Test
    void metricsShowEachChatProvidersCallsFailoversAndTimeToFirstToken() {
        simulator.faults(Route.OPENAI, Faults.builder().script("status:500", "status:500").build());
        assertThat(chat("gpt-4o-mini", "metrics please", true, "").statusCode()).isEqualTo(200);

        String metrics = server.get("/metrics").body();

        assertThat(metrics).contains("embedgate_chat_first_token_seconds_count{model=\"gpt-4o-mini\"}");
        assertThat(metrics).contains("embedgate_upstream_calls_seconds_count{outcome=\"server_error\",provider=\"sim-openai\"}");
        assertThat(metrics).contains("embedgate_failovers_total{from=\"sim-openai\",model=\"gpt-4o-mini\"}");
        assertThat(metrics).contains("embedgate_circuit_state{provider=\"sim-hf\"}");
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishReasonLength() {
        JsonNode answer = TestServer.json(chat("solo", "one two three four five six", false, ", \"max_tokens\": 2"));

        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(answer.at("/usage/completion_tokens").asLong()).isEqualTo(2);
    }

    @Test
    void aProviderFailingBeforeTheFirstTokenIsFailedOverThenTheFallbackModelAnswers() {
        simulator.faults(Route.OPENAI, Faults.builder().errorRate(1.0).build());
        HttpResponse<String> failedOver = chat("gpt-4o-mini", "failover please", true, "");

        assertThat(failedOver.statusCode()).as(failedOver.body()).isEqualTo(200);
        assertThat(failedOver.headers().firstValue("X-EmbedGate-Provider")).hasValue("sim-hf");
        assertThat(SseAnswer.parse(failedOver.body()).done()).isTrue();

        simulator.faults(Route.HUGGINGFACE, Faults.builder().errorRate(1.0).build());
        HttpResponse<String> fellBack = chat("gpt-4o-mini", "fall back please", false, "");

        assertThat(fellBack.statusCode()).as(fellBack.body()).isEqualTo(200);
        assertThat(fellBack.headers().firstValue("X-EmbedGate-Provider")).hasValue("sim-ollama");
        assertThat(TestServer.json(fellBack).get("model").asText()).isEqualTo("llama");
    }

    @Test
    void aStreamThatBreaksAfterItsFirstTokenEndsWithAnErrorEventAndIsNeverSplicedWithAnotherModel() throws Exception {
        simulator.faults(Route.OPENAI, Faults.builder().script("drop:3").build());
        int hfCalls = simulator.log().chatCalls(Route.HUGGINGFACE);
        int ollamaCalls = simulator.log().chatCalls(Route.OLLAMA);

        SseAnswer stream = brokenStream("gpt-4o-mini", "a b c d e f g h i j");

        assertThat(stream.done()).isFalse();
        // The simulator drops the connection after 3 chunks; the last may be lost with the connection on its way in.
        assertThat(stream.contentChunks()).isBetween(1L, 3L);
        assertThat(SimulatedChat.answer(List.of(new ChatMessage("user", "a b c d e f g h i j"))).content())
                .startsWith(stream.content());
        assertThat(stream.last().at("/error/code").asText()).isEqualTo("provider_failed");
        assertThat(stream.last().at("/error/message").asText()).contains("sim-openai").doesNotContain(ChatGateway.KEY);
        assertThat(simulator.log().chatCalls(Route.HUGGINGFACE)).isEqualTo(hfCalls);
        assertThat(simulator.log().chatCalls(Route.OLLAMA)).isEqualTo(ollamaCalls);
        assertThat(simulator.log().chatCalls(Route.OPENAI)).as("not retried either").isEqualTo(1);
    }

    @Test
    void aStallBetweenTokensHitsTheDeadlineAndEndsTheStream() throws Exception {
        simulator.faults(Route.OPENAI, Faults.builder().hangMillis(5_000).script("stall:2").build());
        long start = System.nanoTime();

        SseAnswer stream = brokenStream("solo", "a b c d e f");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(stream.contentChunks()).isEqualTo(2);
        assertThat(stream.done()).isFalse();
        assertThat(stream.last().at("/error/message").asText()).contains("timeout");
    }

    @Test
    void aFailureBeforeTheFirstTokenIsAPlainJsonErrorWithItsStatus() {
        simulator.faults(Route.OPENAI, Faults.builder().errorRate(1.0).build());

        HttpResponse<String> response = chat("solo", "hello", true, "");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("provider_failed");
        assertThat(response.body()).doesNotContain(ChatGateway.KEY);
    }

    @Test
    void aClientThatHangsUpMidStreamCancelsTheUpstreamStream() throws Exception {
        simulator.faults(Route.OPENAI, Faults.paced(100));
        hangUpAfterFirstContent("solo", "a long question of many words that the simulated model repeats one word at a time");

        assertThat(simulator.log().awaitCancelledStreams(Route.OPENAI, 1, Duration.ofSeconds(5)))
                .as("the simulator saw its stream cancelled").isTrue();
    }

    @Test
    void aClientThatHangsUpMidStreamIsBilledForWhatItWasSent() throws Exception {
        simulator.faults(Route.OPENAI, Faults.paced(100));
        UsageEntry before = row("solo", "sim-openai");

        hangUpAfterFirstContent("solo", "a long question of many words that the simulated model repeats slowly");

        assertThat(simulator.log().awaitCancelledStreams(Route.OPENAI, 1, Duration.ofSeconds(5))).isTrue();
        UsageEntry after = before;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
             after.requests() == before.requests() && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
            after = row("solo", "sim-openai");
        }
        assertThat(after.requests() - before.requests()).as("the cancelled stream is in the ledger").isEqualTo(1);
        assertThat(after.inputTokens() - before.inputTokens()).isPositive();
        assertThat(after.outputTokens() - before.outputTokens()).as("the text sent before the hang-up").isPositive();
    }

    @Test
    void moreStreamsThanJettyHasPlatformThreadsAreAllUnderWayAtOnce() throws Exception {
        // Every stream holds its request's thread until it ends. Those are virtual threads: were they taken from
        // Jetty's pool of platform threads (200), the streams beyond it would wait for one to end before they began.
        simulator.faults(Route.OPENAI, Faults.paced(400));
        String question = "one two three four five six seven eight nine ten eleven twelve";
        int streams = 250;
        var sockets = new ArrayList<Socket>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                var socket = new Socket("127.0.0.1", Integer.parseInt(server.baseUrl().replaceAll(".*:", "")));
                socket.setSoTimeout(10_000);
                sockets.add(socket);
                sendStreamRequest(socket, "solo", question);
            }
            for (Socket socket : sockets) {
                awaitFirstContent(socket);
            }
            Duration allBegun = Duration.ofNanos(System.nanoTime() - start);

            assertThat(allBegun).as("until all %d streams had their first token; one stream lasts 4.4 s", streams)
                    .isLessThan(Duration.ofSeconds(3));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aClientThatReadsSlowlyGetsTheWholeLongStreamInOrder() throws Exception {
        // About 12 MB of events, paced so that they are relayed, against a 4 KB receive window: the gateway's writes
        // stop finishing at once, and the stream's relayed parts wait for them on the request's thread, then carry on.
        simulator.faults(Route.OPENAI, Faults.paced(1));
        var words = new StringBuilder();
        String longWord = "w".repeat(8_000);
        for (int i = 0; i < 1_500; i++) {
            words.append(' ').append(longWord).append(i);
        }
        String question = words.toString().trim();
        byte[] bytes = ("{\"model\": \"solo\", \"stream\": true, \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"" + question + "\"}]}").getBytes(StandardCharsets.UTF_8);
        var head = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        var request = new ByteArrayOutputStream();
        request.write(head);
        request.write(bytes);

        RawHttp.Answer answer = RawHttp.exchangeReadingLate(Integer.parseInt(server.baseUrl().replaceAll(".*:", "")),
                request.toByteArray(), 4096, Duration.ofMillis(1_500));

        assertThat(answer.status()).isEqualTo(200);
        SseAnswer stream = SseAnswer.parse(answer.body());
        assertThat(stream.done()).isTrue();
        assertThat(stream.content()).isEqualTo(
                SimulatedChat.answer(List.of(new ChatMessage("user", question))).content());
    }

    @Test
    void aRequestPipelinedDuringAStreamEndsTheConnectionAfterTheAnswerInsteadOfBeingReadMaimed() throws Exception {
        simulator.faults(Route.OLLAMA, Faults.paced(50));
        byte[] body = ("{\"model\": \"llama\", \"stream\": true, \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"a b c d e f\"}]}").getBytes(StandardCharsets.UTF_8);
        var answers = new ByteArrayOutputStream();
        boolean ended = false;
        try (var socket = new Socket("127.0.0.1", Integer.parseInt(server.baseUrl().replaceAll(".*:", "")))) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            Thread.sleep(150);
            out.write("GET /v1/models/llama HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(answers);
                ended = true;
            } catch (java.net.SocketTimeoutException e) {
                ended = false;
            }
        }

        String text = answers.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("data: [DONE]");
        assertThat(text.split("HTTP/1\\.1 ", -1)).as("one answer: " + text).hasSize(2);
        assertThat(ended).as("the connection ends with the streamed answer").isTrue();
    }

    @Test
    void theLedgerCountsPromptAndCompletionTokensAtTheModelsPrices() {
        String question = "count my tokens";
        UsageEntry before = commandRRow();
        chat("command-r", question, false, "");
        SimulatedChat.Answer expected = SimulatedChat.answer(List.of(new ChatMessage("user", question)));

        UsageEntry after = commandRRow();

        assertThat(after.provider()).isEqualTo("sim-cohere");
        assertThat(after.requests() - before.requests()).isEqualTo(1);
        assertThat(after.inputTokens() - before.inputTokens()).isEqualTo(expected.promptTokens());
        assertThat(after.outputTokens() - before.outputTokens()).isEqualTo(expected.completionTokens());
        // command-r's list price: $0.15 per million prompt tokens, $0.60 per million completion tokens.
        assertThat(after.costNanoUsd() - before.costNanoUsd())
                .isEqualTo(expected.promptTokens() * 150 + expected.completionTokens() * 600);
    }

    /** Today's chat row of command-r, or an empty one. */
    private static UsageEntry commandRRow() {
        return row("command-r", "sim-cohere");
    }

    /** Today's chat row of the model, or an empty one. */
    private static UsageEntry row(String model, String provider) {
        server.gateway().usage().flush();
        return server.gateway().usage().ledger().since(LocalDate.now(ZoneOffset.UTC)).stream()
                .filter(row -> row.capability() == Capability.CHAT && row.model().equals(model))
                .reduce((a, b) -> { throw new AssertionError("two rows: " + a + ", " + b); })
                .orElse(new UsageEntry(LocalDate.now(ZoneOffset.UTC), Capability.CHAT, provider, model, "",
                        0, 0, 0, 0, 0, 0, 0, 0));
    }

    /** Streams the question over a raw connection and closes it as soon as the first text arrives. */
    private static void hangUpAfterFirstContent(String model, String question) throws IOException {
        try (var socket = new Socket("127.0.0.1", Integer.parseInt(server.baseUrl().replaceAll(".*:", "")))) {
            sendStreamRequest(socket, model, question);
            awaitFirstContent(socket);
        }
    }

    private static void sendStreamRequest(Socket socket, String model, String question) throws IOException {
        byte[] bytes = ("{\"model\": \"" + model + "\", \"stream\": true, \"messages\": [{\"role\": \"user\", "
                + "\"content\": \"" + question + "\"}]}").getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** Reads the answer up to its first content chunk (the gateway sends none before the first token). */
    private static void awaitFirstContent(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        var seen = new StringBuilder();
        while (!seen.toString().contains("\"content\"")) {
            int read = in.read();
            assertThat(read).as("the stream began").isNotNegative();
            seen.append((char) read);
        }
    }

    /**
     * A streamed answer that the gateway ends with an error event and then a cut connection (no end of the chunked
     * body), read up to the cut; fails if the body ended cleanly.
     */
    private static SseAnswer brokenStream(String model, String question) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + model + "\", \"stream\": true, "
                        + "\"messages\": [{\"role\": \"user\", \"content\": \"" + question + "\"}]}")).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        var body = new ByteArrayOutputStream();
        boolean cut = false;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                body.write(buffer, 0, read);
            }
        } catch (IOException e) {
            cut = true;
        }
        assertThat(cut).as("the connection is cut after the error event").isTrue();
        return SseAnswer.parse(body.toString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> chat(String model, String question, boolean stream, String extra) {
        return server.post("/v1/chat/completions", "{\"model\": \"" + model + "\", \"stream\": " + stream
                + ", \"messages\": [{\"role\": \"user\", \"content\": \"" + question + "\"}]" + extra + "}");
    }
}
