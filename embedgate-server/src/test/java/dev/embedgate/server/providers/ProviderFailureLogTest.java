package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.call.LogCapture;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server's log says of a provider that fails, upstream 502 after 502 from the simulator: its circuit
 * opening in one WARN line, and its failed calls in a bounded number of lines, never with its key.
 */
class ProviderFailureLogTest {

    private static final String KEY = "sk-failure-log-0123456789";
    private static final String CIRCUIT_LOG = "dev.embedgate.call.CircuitLog";
    private static final String FAILURE_LOG = "dev.embedgate.call.FailureLog";
    private static ProviderSimulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults()
                .withFaults(Route.OPENAI, Faults.builder().errorRate(1.0).errorStatuses(502).build()));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    private TestServer server(String provider, String resilience) throws IOException {
        return new TestServer(ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  - name: %s
                    kind: openai
                    model: text-embedding-3-small
                    baseUrl: "%s"
                    apiKeyEnv: SIM_KEY
                    resilience: %s
                routes:
                  - {name: docs, providers: [%1$s]}
                """.formatted(provider, simulator.openAiBaseUrl(), resilience))), Map.of("SIM_KEY", KEY));
    }

    private static void embedFailing(TestServer server, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(server.post("/v1/embeddings", "{\"model\": \"docs\", \"input\": \"text " + i + "\"}")
                    .statusCode()).isEqualTo(502);
        }
    }

    @Test
    void aCircuitOpeningIsOneWarningLine() throws IOException {
        try (var log = LogCapture.start();
             var server = server("opening-openai", "{maxAttempts: 1, slidingWindowCalls: 5, minimumCalls: 5}")) {
            embedFailing(server, 20);

            assertThat(log.lines(CIRCUIT_LOG, "WARN")).singleElement().asString()
                    .contains("provider 'opening-openai' marked down: its circuit opened after 100% of its last 5 "
                            + "calls failed");
            assertThat(log.lines()).filteredOn(line -> line.contains("'opening-openai'"))
                    .as("the circuit's line and the first failure's").hasSize(2)
                    .allSatisfy(line -> assertThat(line).doesNotContain(KEY).doesNotContain("***"));
        }
    }

    @Test
    void aHundredUpstreamFailuresWriteOneLine() throws IOException {
        simulator.log().reset();
        try (var log = LogCapture.start();
             var server = server("failing-openai", "{maxAttempts: 1, slidingWindowCalls: 1000, minimumCalls: 1000}")) {
            embedFailing(server, 100);

            assertThat(simulator.log().calls(Route.OPENAI)).as("every call reached the provider").isEqualTo(100);
            assertThat(log.lines()).filteredOn(line -> line.contains("'failing-openai'")).singleElement().asString()
                    .contains(" WARN " + FAILURE_LOG + " - provider 'failing-openai': a call failed: server_error: ")
                    .contains("(HTTP 502)").doesNotContain(KEY);
        }
    }
}
