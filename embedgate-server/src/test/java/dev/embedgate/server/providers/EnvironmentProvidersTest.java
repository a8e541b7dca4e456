package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every provider whose credentials are in the environment serves its models by name, over real HTTP against the
 * simulator; EMBEDDING_PROVIDER only chooses the default, and which provider comes first in a shared space.
 */
class EnvironmentProvidersTest {

    private static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2";
    private static final AtomicInteger TEXTS = new AtomicInteger();
    private static ProviderSimulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.reset();
    }

    @Test
    void openAiAndCohereKeysMakeBothProvidersModelsServableByName() {
        try (var server = server(openAiAndCohere())) {
            HttpResponse<String> openAi = embed(server, "text-embedding-3-small");
            HttpResponse<String> cohere = embed(server, "embed-english-v3.0");
            HttpResponse<String> cohereLight = embed(server, "embed-english-light-v3.0");

            assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
            assertThat(openAi.headers().firstValue("X-EmbedGate-Provider")).hasValue("openai/text-embedding-3-small");
            assertThat(cohere.statusCode()).as(cohere.body()).isEqualTo(200);
            assertThat(cohere.headers().firstValue("X-EmbedGate-Provider")).hasValue("cohere/embed-english-v3.0");
            assertThat(TestServer.json(cohere).at("/data/0/embedding").size()).isEqualTo(1024);
            assertThat(cohereLight.headers().firstValue("X-EmbedGate-Provider")).hasValue("cohere/embed-english-light-v3.0");
            assertThat(modelIds(server)).contains("text-embedding-3-small", "text-embedding-3-large",
                    "embed-english-v3.0", "embed-multilingual-v3.0", MINILM);
            assertThat(defaultModel(server)).as("auto: OpenAI comes first").isEqualTo("text-embedding-3-small");
        }
    }

    @Test
    void embeddingProviderChoosesOnlyTheDefaultModel() {
        var environment = new HashMap<>(openAiAndCohere());
        environment.put("EMBEDDING_PROVIDER", "cohere");
        try (var server = server(environment)) {
            assertThat(defaultModel(server)).isEqualTo("embed-english-v3.0");
            assertThat(embed(server, "text-embedding-3-small").headers().firstValue("X-EmbedGate-Provider"))
                    .hasValue("openai/text-embedding-3-small");
        }
    }

    @Test
    void twoProvidersOfOneSpaceAndTheLocalModelFailOverInOrder() {
        try (var server = server(huggingFaceAndOllama())) {
            assertThat(providersOf(server, MINILM)).containsExactly("huggingface/" + MINILM, "ollama/all-minilm",
                    "local/" + MINILM);
            assertThat(aliasesOf(server, MINILM)).contains("all-MiniLM-L6-v2", "all-minilm", "all-minilm:latest");
            HttpResponse<String> healthy = embed(server, "all-minilm");

            simulator.faults(Route.HUGGINGFACE, Faults.builder().errorRate(1.0).errorStatuses(401).build());
            HttpResponse<String> withoutHuggingFace = embed(server, "all-MiniLM-L6-v2");
            simulator.faults(Route.OLLAMA, Faults.builder().errorRate(1.0).errorStatuses(401).build());
            HttpResponse<String> withoutEither = embed(server, "all-MiniLM-L6-v2");

            assertThat(healthy.headers().firstValue("X-EmbedGate-Provider")).hasValue("huggingface/" + MINILM);
            assertThat(withoutHuggingFace.headers().firstValue("X-EmbedGate-Provider")).hasValue("ollama/all-minilm");
            assertThat(withoutEither.statusCode()).as(withoutEither.body()).isEqualTo(200);
            assertThat(withoutEither.headers().firstValue("X-EmbedGate-Provider")).hasValue("local/" + MINILM);
            assertThat(withoutEither.headers().firstValue("X-EmbedGate-Space"))
                    .isEqualTo(healthy.headers().firstValue("X-EmbedGate-Space"));
        }
    }

    @Test
    void theChosenProviderComesFirstInItsSpaceAndAChosenLocalModelStaysFirst() {
        var ollamaChosen = new HashMap<>(huggingFaceAndOllama());
        ollamaChosen.put("EMBEDDING_PROVIDER", "ollama");
        ollamaChosen.put("EMBEDDING_MODEL", "all-minilm");
        var localChosen = new HashMap<>(huggingFaceAndOllama());
        localChosen.put("EMBEDDING_PROVIDER", "local");

        try (var ollamaFirst = server(ollamaChosen); var localFirst = server(localChosen)) {
            assertThat(providersOf(ollamaFirst, MINILM)).containsExactly("ollama/all-minilm", "huggingface/" + MINILM,
                    "local/" + MINILM);
            assertThat(defaultModel(ollamaFirst)).isEqualTo(MINILM);
            assertThat(providersOf(localFirst, MINILM)).containsExactly("local/" + MINILM, "huggingface/" + MINILM,
                    "ollama/all-minilm");
            assertThat(embed(localFirst, "all-minilm").headers().firstValue("X-EmbedGate-Provider"))
                    .hasValue("local/" + MINILM);
        }
    }

    @Test
    void aConfiguredRouteKeepsItsModelNameAndTheEnvironmentServesTheRest() throws IOException {
        GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  - name: openai-configured
                    kind: openai
                    model: text-embedding-3-small
                    apiKeyEnv: OPENAI_API_KEY
                    rateLimit: {requestsPerMinute: 600}
                routes:
                  - {name: text-embedding-3-small, providers: [openai-configured]}
                """)).withDataDir(dir.resolve("data"));
        try (var server = new TestServer(config, openAiAndCohere())) {
            assertThat(embed(server, "text-embedding-3-small").headers().firstValue("X-EmbedGate-Provider"))
                    .hasValue("openai-configured");
            assertThat(embed(server, "text-embedding-3-large").headers().firstValue("X-EmbedGate-Provider"))
                    .hasValue("openai/text-embedding-3-large");
            assertThat(providersOf(server, "text-embedding-3-small")).containsExactly("openai-configured");
        }
    }

    private static Map<String, String> openAiAndCohere() {
        return Map.of("OPENAI_API_KEY", "sk-environment-0123456789", "OPENAI_BASE_URL", simulator.openAiBaseUrl(),
                "COHERE_API_KEY", "co-environment-0123456789", "COHERE_BASE_URL", simulator.cohereBaseUrl());
    }

    private static Map<String, String> huggingFaceAndOllama() {
        return Map.of("HF_TOKEN", "hf_environment0123456789", "HF_INFERENCE_ENDPOINT", simulator.huggingFaceBaseUrl(),
                "OLLAMA_HOST", simulator.ollamaBaseUrl());
    }

    static TestServer server(Map<String, String> environment) {
        return new TestServer(new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null, null),
                environment);
    }

    /** Embeds a text no earlier call sent, so that the cache never answers. */
    static HttpResponse<String> embed(TestServer server, String model) {
        return server.post("/v1/embeddings", "{\"model\": \"" + model + "\", \"input\": [\"environment "
                + TEXTS.incrementAndGet() + "\"]}");
    }

    static String defaultModel(TestServer server) {
        return TestServer.json(server.get("/ready")).path("default_model").asText();
    }

    private static List<String> modelIds(TestServer server) {
        return models(server).stream().map(model -> model.path("id").asText()).toList();
    }

    private static List<String> providersOf(TestServer server, String model) {
        return texts(model(server, model).path("providers"));
    }

    private static List<String> aliasesOf(TestServer server, String model) {
        return texts(model(server, model).path("aliases"));
    }

    private static JsonNode model(TestServer server, String id) {
        return models(server).stream().filter(model -> model.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private static List<JsonNode> models(TestServer server) {
        return StreamSupport.stream(TestServer.json(server.get("/v1/models")).path("data").spliterator(), false).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
