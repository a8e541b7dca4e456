package dev.embedgate.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client of {@code POST /v1/embeddings}. Thread-safe; bodies are serialized ahead of time so that the load
 * generator measures the server, not JSON writing.
 */
public final class EmbeddingsClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI embeddings;
    private final URI ready;
    private final String model;

    public EmbeddingsClient(URI baseUri, String model) {
        this.embeddings = baseUri.resolve("/v1/embeddings");
        this.ready = baseUri.resolve("/ready");
        this.model = model;
    }

    public byte[] body(List<String> texts) {
        try {
            return json.writeValueAsBytes(Map.of("model", model, "input", texts.size() == 1 ? texts.getFirst() : texts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a prepared body and reads the whole response; returns the HTTP status. */
    public int post(byte[] body) throws IOException, InterruptedException {
        return http.send(request(body), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Sends the texts and checks the answer has one vector per text. */
    public EmbeddingsReply embed(List<String> texts) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(body(texts)), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + embeddings + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode root = json.readTree(response.body());
        JsonNode data = root.path("data");
        var reply = new EmbeddingsReply(data.size(), data.path(0).path("embedding").size(),
                root.path("usage").path("prompt_tokens").asLong(-1));
        if (reply.vectors() != texts.size()) {
            throw new IllegalStateException("sent " + texts.size() + " texts, got " + reply.vectors() + " vectors");
        }
        return reply;
    }

    public boolean ready() {
        try {
            var request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpRequest request(byte[] body) {
        return HttpRequest.newBuilder(embeddings)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
