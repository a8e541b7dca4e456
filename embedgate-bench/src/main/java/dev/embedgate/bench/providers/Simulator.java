package dev.embedgate.bench.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The provider simulator running as its own process, and its admin endpoints: faults per route
 * ({@code PUT /admin/faults/{route}}) and the request log ({@code GET /admin/log}). Closing it stops the process.
 */
public final class Simulator implements AutoCloseable {

    /** Any non-empty key is accepted by a simulator without configured keys. */
    public static final String API_KEY = "sk-bench";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final ServerProcess process;

    Simulator(ServerProcess process) {
        this.process = process;
    }

    /** The base URL OpenAI clients use, {@code …/openai/v1}. */
    public URI openAiBaseUrl() {
        return process.baseUri().resolve("/openai/v1");
    }

    /** Cohere's base URL, {@code …/cohere}: rerank at {@code POST {it}/v2/rerank}. */
    public URI cohereBaseUrl() {
        return process.baseUri().resolve("/cohere");
    }

    /** The simulator's process, for its pid and address. */
    public ServerProcess process() {
        return process;
    }

    /** The base URL of the Hugging Face router, {@code …/hf}. */
    URI huggingFaceBaseUrl() {
        return process.baseUri().resolve("/hf");
    }

    /** A client of the simulated OpenAI {@code /embeddings}, as an OpenAI client calls it. */
    EmbeddingsClient openAiClient(String model) {
        return new EmbeddingsClient(process.baseUri().resolve("/openai/v1/embeddings"),
                process.baseUri().resolve("/admin/faults"), model, API_KEY, null);
    }

    boolean answers() {
        return openAiClient("").ready();
    }

    /** Replaces a route's faults with {@code faultsJson} (e.g. {@code {"errorRate": 1.0}}; {@code {}} for none). */
    void faults(String route, String faultsJson) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(process.baseUri().resolve("/admin/faults/" + route))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(faultsJson))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the simulator refused faults " + faultsJson + " for " + route + ": "
                    + response.statusCode() + " " + response.body());
        }
    }

    /** Has the simulator collect its garbage ({@code POST /admin/gc}). */
    public void collect() throws IOException, InterruptedException {
        collections(HttpRequest.newBuilder(process.baseUri().resolve("/admin/gc"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The simulator's garbage collections so far ({@code GET /admin/gc}). */
    public long collections() throws IOException, InterruptedException {
        return collections(HttpRequest.newBuilder(process.baseUri().resolve("/admin/gc")).GET());
    }

    private long collections(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/admin/gc answered " + response.statusCode());
        }
        return json.readTree(response.body()).path("collections").asLong();
    }

    /** What the route ({@code openai}, {@code huggingface}, ...) was asked so far. */
    public RouteLog log(String route) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(process.baseUri().resolve("/admin/log")).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /admin/log answered " + response.statusCode());
        }
        JsonNode node = json.readTree(response.body()).path(route);
        int[] statuses = new int[node.path("statuses").size()];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = node.path("statuses").get(i).asInt();
        }
        int[] inputCounts = new int[node.path("inputCounts").size()];
        for (int i = 0; i < inputCounts.length; i++) {
            inputCounts[i] = node.path("inputCounts").get(i).asInt();
        }
        return new RouteLog(node.path("calls").asInt(), statuses, inputCounts);
    }

    @Override
    public void close() {
        process.close();
    }
}
