package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.call.LogCapture;
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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every remote provider, configured in YAML, against the simulator speaking its wire format: the same checks for
 * each (happy path, retried faults, refused credentials), with a recognisable fake key that must never appear in
 * an answer or a log line.
 */
class ProvidersAgainstSimulatorTest {

    private static final String KEY = "sk-LEAKCHECK-7f3a9c1e5b";
    private static final String RIGHT_KEY = "sk-the-only-accepted-key";

    enum Kind {
        OPENAI("openai", "text-embedding-3-small", 1536, Route.OPENAI, ProviderSimulator::openAiBaseUrl),
        HUGGINGFACE("huggingface", "sentence-transformers/all-MiniLM-L6-v2", 384, Route.HUGGINGFACE,
                ProviderSimulator::huggingFaceBaseUrl),
        COHERE("cohere", "embed-english-v3.0", 1024, Route.COHERE, ProviderSimulator::cohereBaseUrl),
        OLLAMA("ollama", "nomic-embed-text", 768, Route.OLLAMA, ProviderSimulator::ollamaBaseUrl),
        TEI("tei", "sentence-transformers/all-MiniLM-L6-v2", 384, Route.TEI, ProviderSimulator::teiBaseUrl);

        final String configName;
        final String model;
        final int dimensions;
        final Route route;
        final Function<ProviderSimulator, String> baseUrl;

        Kind(String configName, String model, int dimensions, Route route, Function<ProviderSimulator, String> baseUrl) {
            this.configName = configName;
            this.model = model;
            this.dimensions = dimensions;
            this.route = route;
            this.baseUrl = baseUrl;
        }

        boolean authenticates() {
            return this != OLLAMA && this != TEI;
        }
    }

    private static ProviderSimulator simulator;
    private static ProviderSimulator strictSimulator;
    private static LogCapture log;

    @BeforeAll
    static void start() {
        log = LogCapture.start();
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
        strictSimulator = ProviderSimulator.start(new SimulatorConfig(0, 7, List.of(RIGHT_KEY), Map.of()));
    }

    @AfterAll
    static void stop() {
        simulator.close();
        strictSimulator.close();
        log.close();
        String logged = String.join("\n", log.lines());
        assertThat(logged).as("the capture really saw the gateway's log").contains("EmbedGate listening on");
        assertThat(logged).as("log output").doesNotContain(KEY).doesNotContain(KEY.substring(3, 16))
                .doesNotContain(KEY.substring(0, 5) + "***");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void servesVectorsOfTheModelsDimensions(Kind kind, @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        try (var server = server(kind, simulator, dir)) {
            HttpResponse<String> response = embed(server);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(TestServer.json(response).get("data").get(0).get("embedding")).hasSize(kind.dimensions);
            assertNoKey(response);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retriesThroughEveryTransientFault(Kind kind, @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        simulator.faults(kind.route, Faults.scripted("status:503", "reset", "malformed", "ok"));
        simulator.log().reset();
        try (var server = server(kind, simulator, dir)) {
            HttpResponse<String> response = embed(server);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(simulator.log().calls(kind.route)).isEqualTo(4);
            assertNoKey(response);
        } finally {
            simulator.faults(kind.route, Faults.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void neverReturnsAWrongVector(Kind kind, @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        simulator.faults(kind.route, Faults.scripted("nan", "wrong_dimensions", "wrong_count", "ok"));
        simulator.log().reset();
        try (var server = server(kind, simulator, dir)) {
            HttpResponse<String> response = embed(server);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(simulator.log().calls(kind.route)).isEqualTo(4);
            for (var value : TestServer.json(response).get("data").get(0).get("embedding")) {
                assertThat(Double.isFinite(value.asDouble())).isTrue();
            }
        } finally {
            simulator.faults(kind.route, Faults.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"OPENAI", "HUGGINGFACE", "COHERE"})
    void refusedCredentialsAreNotRetriedAndNeverEchoed(Kind kind, @org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        strictSimulator.log().reset();
        try (var server = server(kind, strictSimulator, dir)) {
            HttpResponse<String> response = embed(server);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("provider");
            assertThat(strictSimulator.log().calls(kind.route)).isEqualTo(1);
            assertNoKey(response);
            assertNoKey(server.get("/v1/models"));
            assertNoKey(server.get("/ready"));
        }
    }

    private static HttpResponse<String> embed(TestServer server) {
        return server.post("/v1/embeddings", "{\"model\": \"under-test\", \"input\": \"a text to embed\"}");
    }

    private static void assertNoKey(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContain(KEY).doesNotContain(KEY.substring(3, 16))
                .as("not even the masked fragment a provider echoes").doesNotContain(KEY.substring(0, 5) + "***");
        assertThat(response.headers().map().toString()).doesNotContain(KEY);
    }

    private static TestServer server(Kind kind, ProviderSimulator target, Path dir) throws IOException {
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  - name: remote
                    kind: %s
                    model: %s
                    baseUrl: %s
                %s
                routes:
                  - name: under-test
                    providers: [remote]
                """.formatted(kind.configName, kind.model, kind.baseUrl.apply(target),
                kind.authenticates() ? "    apiKeyEnv: TEST_PROVIDER_KEY" : "");
        GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), yaml));
        return new TestServer(config, Map.of("TEST_PROVIDER_KEY", KEY));
    }
}
