package dev.embedgate.bench.memory;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of EmbedGate's {@code POST /v1/memories}: batches of memories, their JSON bodies written ahead of time so
 * that the measurement is the server's. Thread-safe.
 */
final class MemoriesClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI memories;

    MemoriesClient(URI baseUri) {
        this.memories = baseUri.resolve("/v1/memories");
    }

    /** The body saving {@code contents} in {@code namespace}, memory {@code i} under id {@code idPrefix + i}. */
    byte[] body(String namespace, String idPrefix, List<String> contents, int firstIndex) {
        var batch = new ArrayList<Map<String, Object>>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            var memory = new LinkedHashMap<String, Object>();
            memory.put("id", idPrefix + (firstIndex + i));
            memory.put("content", contents.get(i));
            memory.put("metadata", Map.of("source", "debian-descriptions"));
            memory.put("importance", 0.5);
            batch.add(memory);
        }
        try {
            return json.writeValueAsBytes(Map.of("namespace", namespace, "memories", batch));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a prepared body and checks that every memory was embedded before the answer (none left pending or
     * degraded): otherwise the ingest would not have been measured end to end.
     *
     * @throws IllegalStateException for anything but a 200 answer, or a memory in another state
     */
    void save(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(memories).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + memories + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        for (JsonNode saved : json.readTree(response.body()).path("data")) {
            if (!"embedded".equals(saved.path("state").asText())) {
                throw new IllegalStateException("POST " + memories + " saved memory '" + saved.path("id").asText()
                        + "' as " + saved.path("state").asText() + ", not embedded; see the server's log");
            }
        }
    }
}
