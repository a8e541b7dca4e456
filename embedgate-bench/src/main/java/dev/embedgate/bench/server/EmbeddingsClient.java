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
import java.util.LinkedHashMap;

/**
 * A client of an OpenAI-format {@code POST /v1/embeddings}: EmbedGate's, or a provider's such as the simulator's
 * {@code /openai/v1/embeddings}. Thread-safe; bodies are serialized ahead of time so that the load generator
 * measures the server, not JSON writing.
 */
public final class EmbeddingsClient implements LoadTarget {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI embeddings;
    private final URI ready;
    private final String model;
    private final String apiKey;
    private final String encodingFormat;

    /** EmbedGate at {@code baseUri} (its {@code /v1/embeddings} and {@code /ready}), asking for float vectors. */
    public EmbeddingsClient(URI baseUri, String model) {
        this(baseUri.resolve("/v1/embeddings"), baseUri.resolve("/ready"), model, null, null);
    }

    /**
     * @param embeddings     the endpoint
     * @param ready          answers 200 when the server is ready
     * @param apiKey         sent as {@code Authorization: Bearer}; null for none
     * @param encodingFormat {@code float} or {@code base64}; null to leave it out of the body (float)
     */
    public EmbeddingsClient(URI embeddings, URI ready, String model, String apiKey, String encodingFormat) {
        this.embeddings = embeddings;
        this.ready = ready;
        this.model = model;
        this.apiKey = apiKey;
        this.encodingFormat = encodingFormat;
    }

    /** The same server and model, sending {@code encoding_format} (e.g. base64, what OpenAI's own clients send). */
    public EmbeddingsClient withEncodingFormat(String format) {
        return new EmbeddingsClient(embeddings, ready, model, apiKey, format);
    }

    public byte[] body(List<String> texts) {
        try {
            var body = new LinkedHashMap<String, Object>();
            body.put("model", model);
            body.put("input", texts.size() == 1 ? texts.getFirst() : texts);
            if (encodingFormat != null) {
                body.put("encoding_format", encodingFormat);
            }
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a prepared body and reads the whole response; returns the HTTP status. */
    @Override
    public int exchange(byte[] body) throws IOException, InterruptedException {
        return send(body).statusCode();
    }

    /** Sends a prepared body and reads the whole response, for its status and headers. */
    public HttpResponse<Void> send(byte[] body) throws IOException, InterruptedException {
        return http.send(request(body), HttpResponse.BodyHandlers.discarding());
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
        HttpRequest.Builder request = HttpRequest.newBuilder(embeddings)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request.build();
    }
}
