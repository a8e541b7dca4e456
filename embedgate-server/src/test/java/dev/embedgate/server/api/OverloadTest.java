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
        var config = new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null,
                new GatewayConfig.Models(null, null, null, null,
                        new GatewayConfig.Inference(null, null, null, null, CAPACITY)));
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
     * Fills the queue with one request and probes with one-text requests until a probe is refused. A probe that
     * slips in before the filling request is admitted makes that request fail instead; it is then sent again.
     */
    private static HttpResponse<String> probeUntilRefused(TestServer server, String fullQueue) throws InterruptedException {
        String probe = "{\"model\": \"all-MiniLM-L6-v2\", \"cache\": false, \"input\": \"one more text\"}";
        long deadline = System.nanoTime() + 60_000_000_000L;
        CompletableFuture<HttpResponse<String>> filling = CompletableFuture.supplyAsync(
                () -> server.post("/v1/embeddings", fullQueue));
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            if (filling.isDone()) {
                filling = CompletableFuture.supplyAsync(() -> server.post("/v1/embeddings", fullQueue));
                continue;
            }
            HttpResponse<String> response = server.post("/v1/embeddings", probe);
            if (response.statusCode() != 200) {
                return response;
            }
        }
        throw new AssertionError("no request was refused while the queue was full");
    }
}
