package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory when its space's only provider is down (the simulator's Hugging Face route failing every call): saving
 * still succeeds, pending or with a degraded stand-in; recall answers from words and importance and says so; once the
 * provider is back the background worker embeds what waited and replaces the stand-ins.
 */
class MemoryResilienceTest {

    private static final Map<String, String> ENV = Map.of("SIM_HF_TOKEN", "hf_memoryResilience0123456789");
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
    void savingWhileTheProviderIsDownKeepsTheMemoryAndEmbedsItOnceTheProviderIsBack() throws IOException {
        try (var server = new TestServer(config(""), ENV)) {
            simulator.faults(Route.HUGGINGFACE, Faults.builder().errorRate(1.0).build());

            JsonNode saved = TestServer.json(server.post("/v1/memories",
                    "{\"id\": \"m1\", \"content\": \"The backup runs every night at two\", \"importance\": 0.9}"));
            JsonNode whileDown = TestServer.json(server.post("/v1/memories/search",
                    "{\"query\": \"when does the backup run\"}"));
            long pendingWhileDown = namespace(server).get("pending").asLong();
            simulator.reset();
            awaitSpaces(server, spaces -> namespaceOf(spaces).get("pending").asLong() == 0);
            JsonNode afterwards = TestServer.json(server.post("/v1/memories/search",
                    "{\"query\": \"when does the backup run\"}"));

            assertThat(saved.get("state").asText()).isEqualTo("pending");
            assertThat(pendingWhileDown).isEqualTo(1);
            assertThat(whileDown.get("mode_used").asText()).isEqualTo("keyword_importance");
            assertThat(whileDown.get("notice").asText()).contains("could not be embedded");
            assertThat(whileDown.get("data").get(0).get("id").asText()).isEqualTo("m1");
            assertThat(afterwards.get("mode_used").asText()).isEqualTo("vector");
            assertThat(afterwards.get("data").get(0).get("id").asText()).isEqualTo("m1");
            assertThat(afterwards.get("data").get(0).get("score").asDouble()).isGreaterThan(0.3);
        }
    }

    @Test
    void aDegradedStandInIsReplacedByAVectorOfTheActiveSpace() throws IOException {
        try (var server = new TestServer(config("fallback: [emergency-hash]"), ENV)) {
            simulator.faults(Route.HUGGINGFACE, Faults.builder().errorRate(1.0).build());

            JsonNode saved = TestServer.json(server.post("/v1/memories",
                    "{\"id\": \"m1\", \"content\": \"Deploys are frozen on Fridays\"}"));
            JsonNode whileDown = TestServer.json(server.get("/v1/spaces"));
            simulator.reset();
            JsonNode repaired = awaitSpaces(server, spaces -> namespaceOf(spaces).get("pending").asLong() == 0);

            assertThat(saved.get("state").asText()).isEqualTo("degraded");
            assertThat(saved.get("space").asText()).startsWith("embedgate/hash@");
            assertThat(space(whileDown, saved.get("space").asText()).get("degraded").asLong()).isEqualTo(1);
            assertThat(namespaceOf(whileDown).get("pending").asLong()).isEqualTo(1);
            String active = namespaceOf(repaired).get("active_space").asText();
            assertThat(active).startsWith("sentence-transformers/all-MiniLM-L6-v2@");
            assertThat(space(repaired, active).get("vectors").asLong()).isEqualTo(1);
            assertThat(repaired.get("data")).noneSatisfy(each -> assertThat(each.get("degraded").asLong()).isPositive());
        }
    }

    private GatewayConfig config(String fallback) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                store: {dataDir: %s}
                models: {builtIn: false}
                cache: {enabled: false}
                memory:
                  worker: {idle: 100ms, maxBackoff: 200ms}
                providers:
                  - {name: hf-minilm, kind: huggingface, model: sentence-transformers/all-MiniLM-L6-v2, baseUrl: "%s",
                     apiKeyEnv: SIM_HF_TOKEN, resilience: {maxAttempts: 1, minimumCalls: 1000}}
                  - {name: emergency-hash, kind: hash, dimensions: 384}
                routes:
                  - {name: remote-minilm, providers: [hf-minilm] %s}
                """.formatted(dir.resolve("data"), simulator.huggingFaceBaseUrl(),
                fallback.isEmpty() ? "" : ", " + fallback)));
    }

    private static JsonNode awaitSpaces(TestServer server, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode spaces = TestServer.json(server.get("/v1/spaces"));
        while (!done.test(spaces) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            spaces = TestServer.json(server.get("/v1/spaces"));
        }
        assertThat(done.test(spaces)).as("the background worker finished: %s", spaces).isTrue();
        return spaces;
    }

    private static JsonNode namespace(TestServer server) {
        return namespaceOf(TestServer.json(server.get("/v1/spaces")));
    }

    private static JsonNode namespaceOf(JsonNode spaces) {
        for (JsonNode each : spaces.get("namespaces")) {
            if (each.get("namespace").asText().equals("default")) {
                return each;
            }
        }
        throw new AssertionError("no default namespace in " + spaces);
    }

    private static JsonNode space(JsonNode spaces, String id) {
        for (JsonNode each : spaces.get("data")) {
            if (each.get("id").asText().equals(id)) {
                return each;
            }
        }
        throw new AssertionError("no space " + id + " in " + spaces);
    }
}
