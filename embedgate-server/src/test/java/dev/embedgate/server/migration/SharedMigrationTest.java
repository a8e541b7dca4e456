package dev.embedgate.server.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.TestServices;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway instances on one PostgreSQL database share one migration: both work on it (each bills tokens to the
 * target provider), and the simulator embeds every memory exactly once, so no memory was done twice.
 */
class SharedMigrationTest {

    private static final Map<String, String> ENV = Map.of("SIM_OPENAI_KEY", "sk-sharedMigration0123456789abcdef");
    private static final Pattern TOKENS = Pattern.compile("embedgate_tokens_total\\{[^}]*provider=\"sim-openai\"[^}]*} ([0-9.E]+)");
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

    @Test
    void twoInstancesShareOneMigrationWithoutDoingAnyMemoryTwice() throws Exception {
        // Each call takes 30 ms, so both instances' workers have turns.
        simulator.faults(Route.OPENAI, Faults.builder().latencyMillis(30).build());
        try (TestServices.Schema schema = TestServices.pgvectorSchema();
             var first = new TestServer(config(schema, "first"), ENV);
             var second = new TestServer(config(schema, "second"), ENV)) {
            MigrationFlowContract.saveCorpus(first, "shared", 300);
            simulator.log().reset();

            String id = MigrationFlowContract.json(first.post("/v1/migrations",
                    "{\"to\": \"openai-small\", \"namespace\": \"shared\", \"batch_size\": 5}"), 201).get("id").asText();
            JsonNode done = MigrationFlowContract.awaitMigration(second, id,
                    m -> m.get("status").asText().equals("backfilled"));

            assertThat(done.at("/progress/done").asLong()).isEqualTo(300);
            assertThat(simulator.log().inputs(Route.OPENAI)).as("each memory embedded once, by one instance")
                    .isEqualTo(300);
            assertThat(tokens(first)).as("the first instance worked on it").isPositive();
            assertThat(tokens(second)).as("the second instance worked on it").isPositive();
            assertThat(MigrationFlowContract.json(first.get("/v1/migrations/" + id)).get("tokens").asLong())
                    .as("one record, both instances' work").isEqualTo((long) (tokens(first) + tokens(second)));
        } finally {
            simulator.reset();
        }
    }

    private static double tokens(TestServer server) {
        Matcher matcher = TOKENS.matcher(server.get("/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private GatewayConfig config(TestServices.Schema schema, String name) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve(name + ".yaml"), """
                server: {host: 127.0.0.1, port: 0}
                store: {postgres: {url: "%s", user: %s}}
                cache: {enabled: false}
                memory:
                  migrations: {poll: 100ms, lease: 30s}
                providers:
                  - {name: sim-openai, kind: openai, model: text-embedding-3-small, baseUrl: "%s",
                     apiKeyEnv: SIM_OPENAI_KEY}
                routes:
                  - {name: openai-small, providers: [sim-openai]}
                """.formatted(schema.url(), TestServices.POSTGRES_USER, simulator.openAiBaseUrl())))
                .withDataDir(dir.resolve(name));
    }
}
