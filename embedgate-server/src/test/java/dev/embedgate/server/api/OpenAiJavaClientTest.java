package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK, pointed at EmbedGate with its default settings, gets the same vectors as a plain
 * float request, and finds models with {@code models.retrieve}. A recording relay between the two shows what the SDK
 * really asked for.
 */
class OpenAiJavaClientTest {

    private static final List<String> TEXTS = List.of(
            "EmbedGate speaks OpenAI's embeddings API.",
            "Debian packages have long descriptions, and this one is short.");

    private static TestServer server;
    private static HttpServer relay;
    private static final List<String> relayedBodies = new CopyOnWriteArrayList<>();
    private static final List<String> relayedPaths = new CopyOnWriteArrayList<>();
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        server = new TestServer();
        relay = startRecordingRelay(server.baseUrl());
        client = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + relay.getAddress().getPort() + "/v1")
                .apiKey("sk-not-needed-for-embedgate")
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        relay.stop(0);
        server.close();
    }

    @Test
    void sdkWithDefaultSettingsAsksForBase64AndGetsTheFloatRequestsVectors() {
        relayedBodies.clear();
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("all-MiniLM-L6-v2").inputOfArrayOfStrings(TEXTS).build());

        assertThat(relayedBodies).singleElement().asString().contains("\"encoding_format\":\"base64\"");
        assertThat(response.data()).hasSize(2);
        assertThat(response.model()).as("the name as sent").isEqualTo("all-MiniLM-L6-v2");
        assertThat(response.usage().promptTokens()).isPositive();
        List<float[]> viaFloat = floatRequest();
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(response.data().get(i).index()).isEqualTo(i);
            assertThat(toArray(response.data().get(i).embedding())).containsExactly(viaFloat.get(i));
        }
    }

    @Test
    void sdkAskingForFloatsGetsTheSameVectors() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("sentence-transformers/all-MiniLM-L6-v2").inputOfArrayOfStrings(TEXTS)
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        List<float[]> viaFloat = floatRequest();
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(toArray(response.data().get(i).embedding())).containsExactly(viaFloat.get(i));
        }
    }

    @Test
    void modelsRetrieveFindsAModelByItsFullNameAndByAnAlias() {
        Model byName = client.models().retrieve("sentence-transformers/all-MiniLM-L6-v2");
        Model byAlias = client.models().retrieve("all-MiniLM-L6-v2-q");

        assertThat(byName.id()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
        assertThat(byName.ownedBy()).isEqualTo("embedgate");
        assertThat(byName._additionalProperties().get("dimensions").asNumber().map(n -> ((Number) n).intValue()))
                .hasValue(384);
        assertThat(byAlias.id()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2-int8");
        assertThat(relayedPaths).contains("/v1/models/sentence-transformers%2Fall-MiniLM-L6-v2");
    }

    @Test
    void modelsRetrieveOfAnUnknownModelIsNotFound() {
        assertThatThrownBy(() -> client.models().retrieve("text-embedding-4-huge"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).hasValue("model_not_found");
                });
    }

    private static List<float[]> floatRequest() {
        String body = "{\"model\": \"all-MiniLM-L6-v2\", \"encoding_format\": \"float\", \"input\": "
                + TestServer.JSON.valueToTree(TEXTS) + "}";
        var data = TestServer.json(server.post("/v1/embeddings", body)).get("data");
        return List.of(TestServer.floats(data.get(0).get("embedding")), TestServer.floats(data.get(1).get("embedding")));
    }

    private static float[] toArray(List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    /** Forwards every request to EmbedGate unchanged and keeps each request body. */
    private static HttpServer startRecordingRelay(String target) throws IOException {
        HttpServer relayServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpClient forwarder = HttpClient.newHttpClient();
        relayServer.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            relayedBodies.add(new String(body, StandardCharsets.UTF_8));
            relayedPaths.add(exchange.getRequestURI().getRawPath());
            try {
                HttpResponse<byte[]> answer = forwarder.send(HttpRequest.newBuilder(
                                URI.create(target + exchange.getRequestURI()))
                        .header("Content-Type", "application/json")
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            }
        });
        relayServer.start();
        return relayServer;
    }
}
