package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.store.TestServices;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the gateway in the middle of a migration, then a restart: the migration goes on where it stopped
 * by itself, every memory ends with exactly one target vector, none is lost, and what was done before the kill is not
 * embedded again (the simulator counts the texts it embedded: at most the batches in flight at the kill twice). On
 * the embedded store and on PostgreSQL (where the dead process's leases must expire first).
 */
class MigrationCrashTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MEMORIES = 400;
    private static final int BATCH = 10;
    private static final int WORKERS = 2;
    private static final Map<String, String> ENV = Map.of("SIM_OPENAI_KEY", "sk-migrationCrash0123456789abcdef");
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
    void aMigrationKilledMidRunOnTheEmbeddedStoreResumesWithoutLossOrDuplicates() throws Exception {
        killMidRunAndResume("");
    }

    @Test
    void aMigrationKilledMidRunOnPostgresResumesOnceTheDeadLeasesExpire() throws Exception {
        try (TestServices.Schema schema = TestServices.pgvectorSchema()) {
            killMidRunAndResume("store: {postgres: {url: \"" + schema.url() + "\", user: " + TestServices.POSTGRES_USER
                    + "}}\n");
        }
    }

    private void killMidRunAndResume(String store) throws Exception {
        simulator.log().reset();
        // 10 requests a second of 10 memories: the run takes about 4 s, long enough to be killed in the middle.
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1}
                cache: {enabled: false}
                memory:
                  migrations: {workers: %d, poll: 200ms, lease: 3s, maxOutageBackoff: 1s}
                providers:
                  - {name: sim-openai, kind: openai, model: text-embedding-3-small, baseUrl: "%s",
                     apiKeyEnv: SIM_OPENAI_KEY, rateLimit: {requestsPerMinute: 600}, backgroundShare: 1}
                routes:
                  - {name: openai-small, providers: [sim-openai]}
                """.formatted(WORKERS, simulator.openAiBaseUrl()) + store);
        Path data = dir.resolve("data");
        String id;
        long doneAtKill;
        try (var server = ServeProcess.start(config, data, dir.resolve("first.log"), ENV).awaitReady(START)) {
            saveMemories(server);
            id = json(server.post("/v1/migrations", "{\"to\": \"openai-small\", \"batch_size\": " + BATCH + "}"), 201)
                    .get("id").asText();
            doneAtKill = await(server, id, m -> m.at("/progress/done").asLong() >= MEMORIES / 4).at("/progress/done")
                    .asLong();
            server.killHard();
        }
        assertThat(doneAtKill).as("killed in the middle").isLessThan(MEMORIES);

        try (var restarted = ServeProcess.start(config, data, dir.resolve("second.log"), ENV).awaitReady(START)) {
            JsonNode done = await(restarted, id, m -> m.get("status").asText().equals("backfilled"));
            String target = done.get("target_space").asText();

            assertThat(done.at("/progress/done").asLong()).isEqualTo(MEMORIES);
            assertThat(done.at("/progress/total").asLong()).as("no memory lost").isEqualTo(MEMORIES);
            JsonNode spaces = json(restarted.get("/v1/spaces"), 200);
            assertThat(spaces.at("/namespaces/0/memories").asLong()).isEqualTo(MEMORIES);
            for (JsonNode space : spaces.get("data")) {
                if (space.get("id").asText().equals(target)) {
                    assertThat(space.get("vectors").asLong()).as("exactly one target vector each").isEqualTo(MEMORIES);
                }
            }
            assertThat(simulator.log().inputs(Route.OPENAI))
                    .as("what was done before the kill is not embedded again (only batches in flight may be)")
                    .isBetween((long) MEMORIES, (long) MEMORIES + 2L * WORKERS * BATCH);
            JsonNode found = json(restarted.post("/v1/memories/search",
                    "{\"query\": \"note 17 about harbour tides\", \"k\": 1}"), 200);
            assertThat(found.at("/data/0/id").asText()).isNotEmpty();
        }
    }

    private static void saveMemories(ServeProcess server) throws Exception {
        var body = new StringBuilder("{\"memories\": [");
        for (int i = 0; i < MEMORIES; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\": \"m").append(i).append("\", \"content\": \"note ")
                    .append(i).append(" about harbour tides and the ferry timetable\"}");
        }
        json(server.post("/v1/memories", body.append("]}").toString()), 200);
    }

    private static JsonNode await(ServeProcess server, String id, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode migration = json(server.get("/v1/migrations/" + id), 200);
        while (!done.test(migration)) {
            assertThat(System.nanoTime()).as("migration never got there; last: %s", migration).isLessThan(deadline);
            Thread.sleep(20);
            migration = json(server.get("/v1/migrations/" + id), 200);
        }
        return migration;
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
