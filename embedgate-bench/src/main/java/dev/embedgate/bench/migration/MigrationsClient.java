package dev.embedgate.bench.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A client of EmbedGate's migration routes ({@code /v1/migrations}, an operator's, open to loopback by default) and
 * of {@code GET /v1/spaces}, which says what the memory holds.
 */
final class MigrationsClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI migrations;
    private final URI spaces;

    MigrationsClient(URI baseUri) {
        this.migrations = baseUri.resolve("/v1/migrations");
        this.spaces = baseUri.resolve("/v1/spaces");
    }

    /** Every namespace with its active space, memories and pending ones ({@code namespaces} of the answer). */
    JsonNode spaces() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(spaces).GET(), 200);
    }

    /** Starts a migration of the namespace; returns it as the gateway answered (201). */
    JsonNode start(String to, String namespace, int batchSize, double maxRateShare) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("to", to, "namespace", namespace, "batch_size", batchSize,
                "max_rate_share", maxRateShare));
        return send(HttpRequest.newBuilder(migrations).POST(HttpRequest.BodyPublishers.ofByteArray(body)), 201);
    }

    JsonNode status(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(migrations.resolve("/v1/migrations/" + id)).GET(), 200);
    }

    JsonNode cancel(String id) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(migrations.resolve("/v1/migrations/" + id + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(TIMEOUT).header("Content-Type", "application/json").build();
        HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " answered " + response.statusCode()
                    + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }
}
