package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.config.GatewayConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Large valid requests against the local model: admission bounded by tokens (429 with Retry-After when full), small
 * requests served between a large one's batches, the work of a client that went away dropped, health answering
 * throughout, and the request bodies held in memory bounded.
 */
class OverloadTest {

    /** About 200 tokens each: long enough that a few hundred keep the workers busy for many seconds. */
    private static final String LONG_TEXT = "debian package description with several words ".repeat(30);
    private static final String ONE_WORD = "{\"model\": \"all-MiniLM-L6-v2\", \"cache\": false, \"input\": \"hello\"}";

    @Test
    void largeRequestsThatFindTheQueueFullGet429WithRetryAfter() throws Exception {
        // 16,384 tokens of queue: calls of about 4 texts (800 tokens) each, 4 in flight per request, so about 3,200
        // tokens per request; calls larger than one batch may hold 12,288 of them: four requests at most.
        try (var server = new TestServer(config(16_384, null))) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                    () -> server.post("/v1/embeddings", largeRequest(60, "a")));
            awaitBatches(server, first);
            var more = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 4; i++) {
                String seed = "b" + i;
                more.add(CompletableFuture.supplyAsync(() -> server.post("/v1/embeddings", largeRequest(60, seed))));
            }

            List<HttpResponse<String>> answers = more.stream().map(CompletableFuture::join).toList();
            HttpResponse<String> refused = answers.stream().filter(answer -> answer.statusCode() == 429).findFirst()
                    .orElseThrow(() -> new AssertionError("no request was refused: " + answers.stream()
                            .map(HttpResponse::statusCode).toList()));

            assertThat(answers).allMatch(answer -> answer.statusCode() == 200 || answer.statusCode() == 429);
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);
            JsonNode error = TestServer.json(refused).get("error");
            assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
            assertThat(error.get("code").asText()).isEqualTo("overloaded");
            assertThat(error.get("message").asText()).contains("queue");
            assertThat(first.get().statusCode()).as("the request that was admitted first").isEqualTo(200);
        }
    }

    @Test
    void aOneWordRequestIsServedWhileALargeRequestRuns() throws Exception {
        try (var server = new TestServer()) {
            CompletableFuture<HttpResponse<String>> large = CompletableFuture.supplyAsync(
                    () -> server.post("/v1/embeddings", largeRequest(600, "c")));
            awaitBatches(server, large);

            HttpResponse<String> small = server.post("/v1/embeddings", ONE_WORD);

            assertThat(small.statusCode()).isEqualTo(200);
            assertThat(large).as("the large request, still running when the small one was answered").isNotDone();
            assertThat(large.get().statusCode()).isEqualTo(200);
            assertThat(TestServer.json(large.get()).get("data")).hasSize(600);
        }
    }

    @Test
    void theWorkOfAClientThatWentAwayIsDroppedNotComputed() throws Exception {
        try (var server = new TestServer()) {
            byte[] body = largeRequest(1500, "d").getBytes(StandardCharsets.UTF_8);
            try (Socket client = rawPost(server, body)) {
                awaitBatchesWhile(server, () -> true);
            }
            long whenGone = batches(server);
            Thread.sleep(2000);
            long settled = batches(server);
            Thread.sleep(2000);

            assertThat(batches(server)).as("batches run after the client went away have stopped").isEqualTo(settled);
            // 1,500 texts of 200 tokens take hundreds of batches of two; the few still running when the client left
            // finished, and nothing more was started.
            assertThat(settled - whenGone).isLessThan(20);
            assertThat(server.post("/v1/embeddings", ONE_WORD).statusCode()).isEqualTo(200);
            assertThat(server.get("/metrics").body())
                    .contains("route=\"/v1/embeddings\",status=\"499\"")
                    .doesNotContain("route=\"/v1/embeddings\",status=\"500\"");
        }
    }

    @Test
    void healthAndReadinessAnswerWhileLargeRequestsRun() throws Exception {
        try (var server = new TestServer()) {
            var large = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 3; i++) {
                String seed = "e" + i;
                large.add(CompletableFuture.supplyAsync(() -> server.post("/v1/embeddings", largeRequest(1500, seed))));
            }
            awaitBatches(server, large.getFirst());

            for (int probe = 0; probe < 10; probe++) {
                long start = System.nanoTime();
                assertThat(server.get("/health").statusCode()).isEqualTo(200);
                assertThat(server.get("/ready").statusCode()).isEqualTo(200);
                assertThat((System.nanoTime() - start) / 1_000_000).as("ms for /health and /ready").isLessThan(2000);
                Thread.sleep(100);
            }
            assertThat(large).as("still running while probed").anyMatch(request -> !request.isDone());
        }
    }

    @Test
    void aRequestBeyondTheBodiesInFlightGets429BeforeItsBodyIsRead() throws Exception {
        long limit = 1024 * 1024;
        try (var server = new TestServer(config(null, limit))) {
            // A slow upload holds its declared length until it is answered.
            try (Socket slow = new Socket("127.0.0.1", URI.create(server.baseUrl()).getPort())) {
                OutputStream out = slow.getOutputStream();
                out.write(("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + (limit - 1000) + "\r\n\r\n{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);

                String body = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"" + "x".repeat(2000) + "\"}";
                HttpResponse<String> refused = server.post("/v1/embeddings", body);

                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(TestServer.json(refused).get("error").get("message").asText()).contains("request bodies");
            }
            // The slow upload's room comes back once the server has seen it go away.
            long deadline = System.nanoTime() + 10_000_000_000L;
            int status;
            do {
                status = server.post("/v1/embeddings", ONE_WORD).statusCode();
            } while (status == 429 && System.nanoTime() < deadline && pause());
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void memoryBodiesShareTheBudgetOfBodiesInFlight() throws Exception {
        long limit = 1024 * 1024;
        try (var server = new TestServer(config(null, limit))) {
            try (Socket slow = new Socket("127.0.0.1", URI.create(server.baseUrl()).getPort())) {
                OutputStream out = slow.getOutputStream();
                out.write(("POST /v1/memories HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + (limit - 1000) + "\r\n\r\n{\"content\": \"").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);

                HttpResponse<String> embedding = server.post("/v1/embeddings",
                        "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"" + "x".repeat(2000) + "\"}");
                HttpResponse<String> memory = server.post("/v1/memories", "{\"content\": \"" + "y".repeat(2000) + "\"}");
                HttpResponse<String> search = server.post("/v1/memories/search",
                        "{\"query\": \"" + "z".repeat(2000) + "\"}");

                assertThat(List.of(embedding, memory, search)).allSatisfy(refused -> {
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
                    assertThat(TestServer.json(refused).at("/error/message").asText()).contains("request bodies");
                });
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static GatewayConfig config(Integer queueTokens, Long bodiesInFlight) {
        return new GatewayConfig(
                new GatewayConfig.Server("127.0.0.1", 0, bodiesInFlight, bodiesInFlight, null, null, null), null,
                new GatewayConfig.Models(null, null, null, null,
                        new GatewayConfig.Inference(null, null, null, null, null, queueTokens, null)));
    }

    /** Distinct long texts (so the cache cannot answer them), cache off. */
    private static String largeRequest(int texts, String seed) {
        return "{\"model\": \"all-MiniLM-L6-v2\", \"cache\": false, \"input\": ["
                + IntStream.range(0, texts).mapToObj(i -> "\"" + seed + i + " " + LONG_TEXT + "\"")
                .collect(Collectors.joining(",")) + "]}";
    }

    /** A request sent on a socket of its own, whose answer is never read. */
    private static Socket rawPost(TestServer server, byte[] body) throws IOException {
        var socket = new Socket("127.0.0.1", URI.create(server.baseUrl()).getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static void awaitBatches(TestServer server, CompletableFuture<?> request) throws InterruptedException {
        awaitBatchesWhile(server, () -> !request.isDone());
        assertThat(request).as("the large request finished before it could be probed").isNotDone();
    }

    /** Waits until the default model has run a few batches (the large request is being worked on). */
    private static void awaitBatchesWhile(TestServer server, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long before = batches(server);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (batches(server) < before + 4 && condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** ONNX runs of the default model so far, from {@code /metrics}. */
    private static long batches(TestServer server) {
        return server.get("/metrics").body().lines()
                .filter(line -> line.startsWith("embedgate_local_batches_total{model=\"sentence-transformers/all-MiniLM-L6-v2\"}"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
