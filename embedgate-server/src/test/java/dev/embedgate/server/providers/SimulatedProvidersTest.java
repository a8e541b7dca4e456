package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EmbedGate pointed at the provider simulator through the conventional environment variables only (no config
 * file): real HTTP on both sides, the simulator speaking each provider's wire format and faults.
 */
class SimulatedProvidersTest {

    private static final String OPENAI_KEY = "sk-embedgate-test-0123456789abcdef";
    private static final String HF_TOKEN = "hf_embedgateTestToken0123456789";
    private static ProviderSimulator simulator;

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
    void openAiSelectedByEnvironmentServesTheDefaultModel() {
        try (var server = server(Map.of("OPENAI_API_KEY", OPENAI_KEY, "OPENAI_BASE_URL", simulator.openAiBaseUrl()))) {
            HttpResponse<String> response = server.post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", \"input\": [\"a\", \"b\"]}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-EmbedGate-Provider")).hasValue("openai/text-embedding-3-small");
            assertThat(TestServer.json(response).get("data").get(0).get("embedding")).hasSize(1536);
            assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(1);
        }
    }

    @Test
    void serverErrorsAreRetriedUntilTheProviderAnswers() {
        simulator.faults(Route.OPENAI, Faults.scripted("status:503", "reset", "malformed"));
        try (var server = server(Map.of("OPENAI_API_KEY", OPENAI_KEY, "OPENAI_BASE_URL", simulator.openAiBaseUrl()))) {
            HttpResponse<String> response = server.post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", \"input\": \"x\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(4);
        }
    }

    @Test
    void wrongKeyIsNotRetriedAndTheKeyNeverAppearsInTheAnswer() {
        var strict = ProviderSimulator.start(new SimulatorConfig(0, 1, java.util.List.of("sk-the-right-key"), Map.of()));
        try (strict; var server = server(Map.of("OPENAI_API_KEY", OPENAI_KEY, "OPENAI_BASE_URL", strict.openAiBaseUrl()))) {
            HttpResponse<String> response = server.post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", \"input\": \"x\"}");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).doesNotContain(OPENAI_KEY).doesNotContain(OPENAI_KEY.substring(3, 20));
            assertThat(response.headers().map().toString()).doesNotContain(OPENAI_KEY);
            assertThat(strict.log().calls(Route.OPENAI)).isEqualTo(1);
        }
    }

    @Test
    void remoteMiniLmFailsOverToTheInProcessModelOfTheSameSpace() {
        simulator.faults(Route.HUGGINGFACE, Faults.builder().errorRate(1.0).build());
        try (var server = server(Map.of("EMBEDDING_PROVIDER", "huggingface", "HF_TOKEN", HF_TOKEN,
                "HF_INFERENCE_ENDPOINT", simulator.huggingFaceBaseUrl()))) {
            HttpResponse<String> response = server.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"failover\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-EmbedGate-Provider")).hasValue("local/sentence-transformers/all-MiniLM-L6-v2");
            assertThat(response.headers().firstValue("X-EmbedGate-Degraded")).isEmpty();
            assertThat(simulator.log().calls(Route.HUGGINGFACE)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void healthyRemoteMiniLmServesTheSameVectorsAsTheLocalModel() {
        try (var server = server(Map.of("EMBEDDING_PROVIDER", "huggingface", "HF_TOKEN", HF_TOKEN,
                "HF_INFERENCE_ENDPOINT", simulator.huggingFaceBaseUrl()));
             var local = server(Map.of())) {
            String body = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"same space, same vector\"}";
            HttpResponse<String> remote = server.post("/v1/embeddings", body);
            HttpResponse<String> inProcess = local.post("/v1/embeddings", body);

            assertThat(remote.headers().firstValue("X-EmbedGate-Provider")).hasValue("huggingface/sentence-transformers/all-MiniLM-L6-v2");
            assertThat(remote.headers().firstValue("X-EmbedGate-Space")).isEqualTo(inProcess.headers().firstValue("X-EmbedGate-Space"));
            float[] a = vector(remote);
            float[] b = vector(inProcess);
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    private static float[] vector(HttpResponse<String> response) {
        JsonNode data = TestServer.json(response).get("data");
        return TestServer.floats(data.get(0).get("embedding"));
    }

    private static TestServer server(Map<String, String> environment) {
        return new TestServer(new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null, null),
                environment);
    }
}
