package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failed provider call shows. Callers of {@code /v1/embeddings} learn which provider failed and how, never
 * its address nor its own words; operators find the details in {@code /status}, with anything shaped like a key
 * (the {@code sk-ab***yz} OpenAI echoes for a refused key included) redacted.
 */
class ProviderErrorHygieneTest {

    /** The simulator echoes it as {@code sk-ab***yz}, as OpenAI does. */
    private static final String WRONG_KEY = "sk-abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path dir;

    private TestServer server(String provider, ProviderSimulator simulator) throws IOException {
        return new TestServer(ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  - name: %s
                    kind: openai
                    model: text-embedding-3-small
                    baseUrl: "%s"
                    apiKeyEnv: SIM_KEY
                    resilience: {maxAttempts: 1}
                routes:
                  - {name: docs, providers: [%1$s]}
                """.formatted(provider, simulator.openAiBaseUrl()))), Map.of("SIM_KEY", WRONG_KEY));
    }

    private static HttpResponse<String> embed(TestServer server) {
        return server.post("/v1/embeddings", "{\"model\": \"docs\", \"input\": \"a text\"}");
    }

    private static JsonNode lastError(HttpResponse<String> status, String provider) {
        for (JsonNode listed : TestServer.json(status).get("providers")) {
            if (listed.get("name").asText().equals(provider)) {
                return listed.get("last_error");
            }
        }
        throw new AssertionError(provider + " is not in " + status.body());
    }

    private static void assertNothingInternal(HttpResponse<String> answer, ProviderSimulator simulator) {
        assertThat(answer.body()).doesNotContain(simulator.baseUrl()).doesNotContain(":" + simulator.port())
                .doesNotContain("ab***yz").doesNotContain("***").doesNotContain(WRONG_KEY.substring(3, 12));
    }

    @Test
    void aRefusedKeyReachesCallersAsTheProviderAndTheKindOfFailureOnly() throws IOException {
        try (var strict = ProviderSimulator.start(new SimulatorConfig(0, 3, List.of("sk-the-right-key"), Map.of()));
             var server = server("strict-openai", strict)) {
            HttpResponse<String> answer = embed(server);

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(TestServer.json(answer).at("/error/message").asText())
                    .isEqualTo("provider 'strict-openai' failed: unauthorized");
            assertNothingInternal(answer, strict);
            assertThat(answer.body()).doesNotContain("Incorrect API key");

            HttpResponse<String> status = server.get("/status");
            JsonNode lastError = lastError(status, "strict-openai");
            assertThat(lastError.get("kind").asText()).isEqualTo("unauthorized");
            assertThat(lastError.get("message").asText()).as("operators get the details")
                    .contains("refused the credentials (HTTP 401)").contains("Incorrect API key provided: [redacted]");
            assertThat(status.body()).doesNotContain("ab***yz").doesNotContain("***");
        }
    }

    @Test
    void anUpstreamServerErrorReachesCallersWithoutTheProvidersAddressOrWords() throws IOException {
        try (var flaky = ProviderSimulator.start(SimulatorConfig.defaults()
                .withFaults(Route.OPENAI, Faults.builder().errorRate(1.0).errorStatuses(500).build()));
             var server = server("flaky-openai", flaky)) {
            HttpResponse<String> answer = embed(server);

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(TestServer.json(answer).at("/error/message").asText())
                    .isEqualTo("provider 'flaky-openai' failed: server_error");
            assertNothingInternal(answer, flaky);
            assertThat(answer.body()).doesNotContain("Sorry about that");
            assertThat(lastError(server.get("/status"), "flaky-openai").get("message").asText())
                    .as("operators get the details").contains(flaky.openAiBaseUrl()).contains("Sorry about that");
        }
    }
}
