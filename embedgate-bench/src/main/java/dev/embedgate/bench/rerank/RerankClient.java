package dev.embedgate.bench.rerank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.bench.server.LoadTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client of one rerank endpoint in Cohere's shape: EmbedGate's {@code /v1/rerank}, or the simulator's Cohere
 * {@code /v2/rerank}. HTTP/1.1 over the JDK client's pooled keep-alive connections, as the embeddings benchmarks
 * send. Thread-safe.
 */
public final class RerankClient implements LoadTarget {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final String apiKey;

    /** @param apiKey sent as {@code Authorization: Bearer}; null for none */
    public RerankClient(URI endpoint, String apiKey) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
    }

    @Override
    public int exchange(byte[] body) throws IOException, InterruptedException {
        return send(body, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Sends one body and checks the answer: status 200 and {@code expectedResults} results.
     *
     * @return the {@code X-EmbedGate-Ranker} header (null from the provider itself)
     * @throws IllegalStateException naming the endpoint, the status and the body when the answer is not that
     */
    public String check(byte[] body, int expectedResults) throws IOException, InterruptedException {
        HttpResponse<String> response = send(body, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = response.statusCode() == 200 ? json.readTree(response.body()) : null;
        if (answer == null || answer.path("results").size() != expectedResults) {
            throw new IllegalStateException("POST " + endpoint + " answered " + response.statusCode() + ", expected "
                    + expectedResults + " results: " + abbreviated(response.body()));
        }
        return response.headers().firstValue("X-EmbedGate-Ranker").orElse(null);
    }

    private <T> HttpResponse<T> send(byte[] body, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.build(), handler);
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
