package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.config.GatewayConfig;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A full local inference queue answers 429 at once, in OpenAI's shape, instead of queueing without bound. */
class OverloadTest {

    private static final int CAPACITY = 2048;

    @Test
    void requestThatDoesNotFitTheQueueGets429WithRetryAfter() throws Exception {
        var config = new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null, null), null,
                new GatewayConfig.Models(null, null, null, null,
                        new GatewayConfig.Inference(null, null, null, null, CAPACITY, null)));
        // 2048 distinct texts of ~200 tokens keep the two workers busy for many seconds; the cache is bypassed so
        // that every text, sent again, reaches the queue again.
        String longText = "debian package description with several words ".repeat(30);
        String fullQueue = "{\"model\": \"all-MiniLM-L6-v2\", \"cache\": false, \"input\": ["
                + IntStream.range(0, CAPACITY).mapToObj(i -> "\"" + i + " " + longText + "\"")
                .collect(Collectors.joining(",")) + "]}";
        try (var server = new TestServer(config)) {
            HttpResponse<String> refused = probeUntilRefused(server, fullQueue);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode error = TestServer.json(refused).get("error");
            assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
            assertThat(error.get("code").asText()).isEqualTo("overloaded");
            assertThat(error.get("message").asText()).contains("queue is full");
        }
    }

    /**
     * Fills the queue with one request and, once the model has started on it (its first batch shows in
     * {@code /metrics}), sends a second one just as large, which cannot fit until every text of the first is done
     * (many seconds). Probing only after the first request is running keeps the two from racing for the queue.
     */
    private static HttpResponse<String> probeUntilRefused(TestServer server, String fullQueue) throws InterruptedException {
        long before = batches(server);
        CompletableFuture<HttpResponse<String>> filling = CompletableFuture.supplyAsync(
                () -> server.post("/v1/embeddings", fullQueue));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (batches(server) == before && !filling.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(filling).as("the filling request finished before it could be probed").isNotDone();
        return server.post("/v1/embeddings", fullQueue);
    }

    /** ONNX runs of the default model so far, from {@code /metrics}. */
    private static long batches(TestServer server) {
        return server.get("/metrics").body().lines()
                .filter(line -> line.startsWith("embedgate_local_batches_total{model=\"sentence-transformers/all-MiniLM-L6-v2\"}"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
