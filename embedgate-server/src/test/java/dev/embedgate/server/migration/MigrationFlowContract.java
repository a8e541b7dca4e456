package dev.embedgate.server.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testdata.SharedData;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-embedding migration over HTTP, as an operator runs one, on a real store: from all-MiniLM-L6-v2 to bge-small
 * (another space of the same 384 dimensions) and to a 1,536-d OpenAI space served by the simulator. Recall answers
 * all along, every answer from one space; saves during the run land in both spaces; cutover switches at once and a
 * rollback gives back exactly the old results; an outage makes the run wait and it recovers by itself; a spent
 * budget stops it with a clear status. Each store's test says how the gateway keeps its memory.
 */
public abstract class MigrationFlowContract {

    protected static final String MINILM_SPACE_PREFIX = "sentence-transformers/all-MiniLM-L6-v2@";
    protected static final Map<String, String> ENV = Map.of("SIM_OPENAI_KEY", "sk-migrationFlow0123456789abcdef");
    private static final ObjectMapper JSON = new ObjectMapper();
    protected static ProviderSimulator simulator;

    @TempDir
    protected Path dir;

    /** The store's part of the configuration ({@code store:} and {@code memory.store}), or "" for the default. */
    protected abstract String storeYaml();

    @BeforeAll
    static void startSimulator() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @AfterEach
    void resetSimulator() {
        simulator.reset();
    }

    @Test
    void aMigrationToBgeSmallKeepsRecallInOneSpaceThenCutoverAndRollbackSwitchAtOnce() throws Exception {
        try (var server = new TestServer(config(""), ENV)) {
            List<String> ids = saveCorpus(server, "docs", 120);
            String query = "{\"namespace\": \"docs\", \"query\": \"how are storms forecast\", \"k\": 5}";
            JsonNode before = json(server.post("/v1/memories/search", query));
            String oldSpace = before.at("/spaces/0").asText();
            assertThat(oldSpace).startsWith(MINILM_SPACE_PREFIX);

            try (var reader = new Reader(server, query)) {
                JsonNode started = json(server.post("/v1/migrations",
                        "{\"to\": \"bge-small-en-v1.5\", \"namespace\": \"docs\", \"batch_size\": 16}"), 201);
                String id = started.get("id").asText();
                String target = started.get("target_space").asText();
                assertThat(target).startsWith("BAAI/bge-small-en-v1.5@");
                assertThat(started.get("status").asText()).isIn("running", "backfilled");

                JsonNode done = awaitMigration(server, id, m -> m.get("status").asText().equals("backfilled"));
                assertThat(done.at("/progress/total").asLong()).isEqualTo(ids.size());
                assertThat(done.at("/progress/done").asLong()).isEqualTo(ids.size());
                assertThat(done.at("/progress/failed").asLong()).isZero();
                assertThat(done.get("tokens").asLong()).as("local models bill tokens too").isPositive();
                assertThat(vectors(server, "docs", target)).isEqualTo(ids.size());

                // Written while the migration is live (backfilled, not yet cut over): embedded in both spaces at once.
                saveOne(server, "docs", "late-1", "A late note about the tide tables of the northern harbour");
                assertThat(vectors(server, "docs", target)).isEqualTo(ids.size() + 1);
                assertThat(vectors(server, "docs", oldSpace)).isEqualTo(ids.size() + 1);

                JsonNode verified = json(server.post("/v1/migrations/" + id + "/verify", "{\"sample\": 20, \"k\": 5}"));
                assertThat(verified.get("queries").asInt()).isEqualTo(20);
                assertThat(verified.get("mean_overlap").asDouble()).isBetween(0.2, 1.0);
                assertThat(verified.get("missing").asLong()).isZero();
                assertThat(verified.at("/samples/0/old_results")).hasSize(5);
                assertThat(verified.at("/samples/0/new_results/0/similarity").asDouble()).isPositive();

                JsonNode beforeCutover = json(server.post("/v1/memories/search", query));
                JsonNode cut = json(server.post("/v1/migrations/" + id + "/cutover", ""));
                assertThat(cut.get("status").asText()).isEqualTo("cut_over");
                assertThat(cut.at("/previous_spaces/docs").asText()).isEqualTo(oldSpace);
                JsonNode after = json(server.post("/v1/memories/search", query));
                assertThat(after.at("/spaces/0").asText()).isEqualTo(target);
                reader.awaitSpace(target);

                JsonNode rolledBack = json(server.post("/v1/migrations/" + id + "/rollback", ""));
                assertThat(rolledBack.get("status").asText()).isEqualTo("backfilled");
                JsonNode again = json(server.post("/v1/memories/search", query));
                assertThat(again.get("spaces")).isEqualTo(before.get("spaces"));
                assertThat(resultIds(again)).isEqualTo(resultIds(beforeCutover));
                assertThat(scores(again)).isEqualTo(scores(beforeCutover));
            }
        }
    }

    @Test
    void aMigrationToA1536DimensionalOpenAiSpaceEmbedsEachMemoryOnceUpstream() throws Exception {
        try (var server = new TestServer(config(""), ENV)) {
            List<String> ids = saveCorpus(server, "wide", 120);
            simulator.log().reset();

            JsonNode plan = json(server.post("/v1/migrations",
                    "{\"to\": \"openai-small\", \"namespaces\": [\"wide\"], \"batch_size\": 25, \"dry_run\": true}"));
            assertThat(plan.get("object").asText()).isEqualTo("migration.plan");
            assertThat(plan.get("to_embed").asLong()).isEqualTo(ids.size());
            assertThat(plan.get("dimensions").asInt()).isEqualTo(1536);
            assertThat(plan.get("requests").asLong()).isEqualTo(5);
            assertThat(plan.get("tokens").asLong()).isGreaterThan(ids.size());
            assertThat(plan.get("estimated_cost_usd").decimalValue()).isPositive();
            assertThat(simulator.log().calls(Route.OPENAI)).as("a plan writes and calls nothing").isZero();

            String id = json(server.post("/v1/migrations",
                    "{\"to\": \"openai-small\", \"namespaces\": [\"wide\"], \"batch_size\": 25}"), 201).get("id").asText();
            JsonNode done = awaitMigration(server, id, m -> m.get("status").asText().equals("backfilled"));

            assertThat(simulator.log().inputs(Route.OPENAI)).as("every memory embedded once upstream")
                    .isEqualTo(ids.size());
            assertThat(done.get("requests").asLong()).isEqualTo(5);
            assertThat(done.get("cost_usd").decimalValue()).isPositive();
            String target = done.get("target_space").asText();
            assertThat(target).contains("dim=1536");
            assertThat(vectors(server, "wide", target)).isEqualTo(ids.size());
            assertThat(json(server.get("/status")).at("/memory/migrations_under_way").asLong()).isEqualTo(1);
            json(server.post("/v1/migrations/" + id + "/cutover", ""));
            assertThat(json(server.get("/status")).at("/memory/migrations_under_way").asLong()).isZero();
            assertThat(server.get("/metrics").body()).contains("embedgate_memory_migrations_under_way ");
            JsonNode found = json(server.post("/v1/memories/search",
                    "{\"namespace\": \"wide\", \"query\": \"volcanic eruptions\", \"k\": 3}"));
            assertThat(found.get("spaces")).singleElement().satisfies(space -> assertThat(space.asText()).isEqualTo(target));
            assertThat(found.get("data")).hasSize(3);

            // A model revision: --force embeds every memory again, in the space that is now active.
            simulator.log().reset();
            String forced = json(server.post("/v1/migrations",
                    "{\"to\": \"openai-small\", \"namespace\": \"wide\", \"force\": true, \"batch_size\": 40}"), 201)
                    .get("id").asText();
            JsonNode again = awaitMigration(server, forced, m -> m.get("status").asText().equals("backfilled"));
            assertThat(again.get("force").asBoolean()).isTrue();
            assertThat(again.at("/progress/done").asLong()).isEqualTo(ids.size());
            assertThat(simulator.log().inputs(Route.OPENAI)).isEqualTo(ids.size());
            assertThat(vectors(server, "wide", target)).as("still one vector each").isEqualTo(ids.size());
            assertError(server.post("/v1/migrations/" + id + "/rollback", ""), 409, "later_migration");
        }
    }

    @Test
    void aProviderOutageMidRunMakesItWaitAndItRecoversByItself() throws Exception {
        try (var server = new TestServer(config(""), ENV)) {
            saveCorpus(server, "outage", 80);
            simulator.faults(Route.OPENAI, Faults.builder().errorRate(1.0).build());

            String id = json(server.post("/v1/migrations",
                    "{\"to\": \"openai-small\", \"namespace\": \"outage\", \"batch_size\": 10}"), 201).get("id").asText();
            JsonNode waiting = awaitMigration(server, id, m -> m.get("status").asText().equals("waiting"));
            assertThat(waiting.get("reason").asText()).contains("providers failed").contains("by itself");
            assertThat(waiting.get("resume_at").asText()).isNotEmpty();
            assertThat(waiting.at("/progress/failed").asLong()).as("an outage fails no memory").isZero();

            simulator.reset();
            JsonNode done = awaitMigration(server, id, m -> m.get("status").asText().equals("backfilled"));
            assertThat(done.at("/progress/done").asLong()).isEqualTo(80);
            assertThat(done.at("/progress/failed").asLong()).isZero();
        }
    }

    @Test
    void aMemoryTheProviderCannotEmbedIsRetriedThenListedWithoutStoppingTheRunAndResumeRetriesIt() throws Exception {
        try (var server = new TestServer(config(""), ENV)) {
            saveCorpus(server, "poison", 5);
            // The batch, then c1 alone and on its retry, get an answer with NaN in it; the rest is fine.
            simulator.faults(Route.OPENAI, Faults.scripted("nan", "ok", "nan", "ok", "ok", "ok", "nan"));

            String id = json(server.post("/v1/migrations",
                    "{\"to\": \"openai-small\", \"namespace\": \"poison\", \"batch_size\": 5}"), 201).get("id").asText();
            JsonNode done = awaitMigration(server, id, m -> m.get("status").asText().equals("backfilled"));

            assertThat(done.at("/progress/done").asLong()).isEqualTo(4);
            assertThat(done.at("/progress/failed").asLong()).isEqualTo(1);
            assertThat(done.get("failures")).singleElement().satisfies(failure -> {
                assertThat(failure.get("id").asText()).isEqualTo("c1");
                assertThat(failure.get("attempts").asInt()).isEqualTo(2);
                assertThat(failure.get("error").asText()).containsIgnoringCase("nan");
            });
            assertError(server.post("/v1/migrations/" + id + "/cutover", ""), 409, "migration_incomplete");

            JsonNode resumed = json(server.post("/v1/migrations/" + id + "/resume", ""));
            assertThat(resumed.get("failures")).isEmpty();
            JsonNode again = awaitMigration(server, id, m -> m.get("status").asText().equals("backfilled"));
            assertThat(again.at("/progress/done").asLong()).isEqualTo(5);
            assertThat(json(server.post("/v1/migrations/" + id + "/cutover", "")).get("status").asText())
                    .isEqualTo("cut_over");
        }
    }

    @Test
    void aSpentBudgetStopsTheRunWithAClearStatusAndResumeGoesOnOnceItAllows() throws Exception {
        String capped = "budgets: {providers: {sim-openai: {dailyUsd: 0.000001}}}\n";
        try (var server = new TestServer(config(capped), ENV)) {
            saveCorpus(server, "budget", 60);

            String id = json(server.post("/v1/migrations",
                    "{\"to\": \"openai-small\", \"namespace\": \"budget\", \"batch_size\": 10}"), 201).get("id").asText();
            JsonNode stopped = awaitMigration(server, id, m -> m.get("status").asText().equals("stopped"));

            assertThat(stopped.get("reason").asText()).contains("budget").contains("resume");
            assertThat(stopped.at("/progress/done").asLong()).isLessThan(60);
            Thread.sleep(500);
            assertThat(json(server.get("/v1/migrations/" + id)).get("status").asText()).as("it stays stopped")
                    .isEqualTo("stopped");
            HttpResponse<String> cutover = server.post("/v1/migrations/" + id + "/cutover", "");
            assertThat(cutover.statusCode()).isEqualTo(409);
            assertThat(json(cutover, 409).at("/error/code").asText()).isEqualTo("migration_incomplete");
        }
    }

    @Test
    void badRequestsGetClearErrorsAndConflictsAre409() throws Exception {
        try (var server = new TestServer(config(""), ENV)) {
            saveCorpus(server, "checks", 5);

            assertError(server.post("/v1/migrations", "{\"namespace\": \"checks\"}"), 400, "missing_target");
            assertError(server.post("/v1/migrations", "{\"to\": \"bge-small-en-v1.5\", \"batchsize\": 5}"), 400,
                    "unknown_field");
            assertError(server.post("/v1/migrations", "{\"to\": \"bge-small-en-v1.5\", \"batch_size\": 0}"), 400,
                    "invalid_batch_size");
            assertError(server.post("/v1/migrations", "{\"to\": \"bge-small-en-v1.5\", \"max_rate_share\": 1.5}"), 400,
                    "invalid_rate_share");
            assertError(server.post("/v1/migrations", "{\"to\": \"bge-small-en-v1.5\", \"namespaces\": \"checks\"}"),
                    400, "invalid_type");
            assertError(server.post("/v1/migrations", "{\"to\": \"no-such-model\"}"), 404, "model_not_found");
            assertError(server.post("/v1/migrations", "{\"to\": \"all-MiniLM-L6-v2\", \"namespace\": \"checks\"}"), 409,
                    "already_active");
            assertError(server.post("/v1/migrations", "[1, 2]"), 400, null);
            assertError(server.get("/v1/migrations/mig_nope"), 404, "migration_not_found");
            assertError(server.post("/v1/migrations/mig_nope/pause", ""), 404, "migration_not_found");

            simulator.faults(Route.OPENAI, Faults.builder().errorRate(1.0).build());
            String id = json(server.post("/v1/migrations", "{\"to\": \"openai-small\", \"namespace\": \"checks\"}"), 201)
                    .get("id").asText();
            assertError(server.post("/v1/migrations", "{\"to\": \"bge-small-en-v1.5\"}"), 409, "migration_in_progress");
            assertError(server.post("/v1/migrations/" + id + "/cutover", ""), 409, "migration_incomplete");
            assertError(server.post("/v1/migrations/" + id + "/rollback", ""), 409, "invalid_state");
            assertError(server.post("/v1/spaces/drop", "{\"space\": \"" + json(server.get("/v1/migrations/" + id))
                    .get("target_space").asText() + "\"}"), 409, "space_in_use");

            JsonNode paused = json(server.post("/v1/migrations/" + id + "/pause", ""));
            assertThat(paused.get("status").asText()).isEqualTo("paused");
            JsonNode cancelled = json(server.post("/v1/migrations/" + id + "/cancel", ""));
            assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
            assertError(server.post("/v1/migrations/" + id + "/resume", ""), 409, "invalid_state");
            assertThat(json(server.get("/v1/migrations")).get("data")).extracting(m -> m.get("id").asText())
                    .contains(id);
        }
    }

    // --- helpers ---

    protected GatewayConfig config(String more) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                cache: {enabled: false}
                memory:
                  worker: {idle: 100ms, maxBackoff: 200ms}
                  migrations: {workers: 1, poll: 100ms, retryBackoff: 100ms, maxAttempts: 2, maxOutageBackoff: 300ms,
                               lease: 10s}
                providers:
                  - {name: sim-openai, kind: openai, model: text-embedding-3-small, baseUrl: "%s",
                     apiKeyEnv: SIM_OPENAI_KEY, resilience: {maxAttempts: 1, minimumCalls: 1000}}
                routes:
                  - {name: openai-small, providers: [sim-openai]}
                """.formatted(simulator.openAiBaseUrl()) + storeYaml() + more)).withDataDir(dir.resolve("data"));
    }

    static List<String> saveCorpus(TestServer server, String namespace, int count) {
        List<String> texts = new ArrayList<>(SharedData.corpus().values()).subList(0, count);
        var ids = new ArrayList<String>();
        var body = new StringBuilder("{\"namespace\": \"" + namespace + "\", \"memories\": [");
        for (int i = 0; i < texts.size(); i++) {
            ids.add("c" + i);
            body.append(i == 0 ? "" : ",").append("{\"id\": \"c").append(i).append("\", \"content\": ")
                    .append(quoted(texts.get(i))).append('}');
        }
        json(server.post("/v1/memories", body.append("]}").toString()));
        return ids;
    }

    protected static void saveOne(TestServer server, String namespace, String id, String content) {
        json(server.post("/v1/memories", "{\"namespace\": \"" + namespace + "\", \"id\": \"" + id
                + "\", \"content\": " + quoted(content) + "}"));
    }

    /** Vectors of the namespace in the space, as GET /v1/spaces counts them. */
    protected static long vectors(TestServer server, String namespace, String space) {
        for (JsonNode each : json(server.get("/v1/spaces")).get("data")) {
            if (each.get("id").asText().equals(space)) {
                for (JsonNode counts : each.get("namespaces")) {
                    if (counts.get("namespace").asText().equals(namespace)) {
                        return counts.get("vectors").asLong();
                    }
                }
            }
        }
        return 0;
    }

    static JsonNode awaitMigration(TestServer server, String id, Predicate<JsonNode> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode migration = json(server.get("/v1/migrations/" + id));
        while (!done.test(migration)) {
            assertThat(System.nanoTime()).as("migration %s never got there; last: %s", id, migration)
                    .isLessThan(deadline);
            Thread.sleep(50);
            migration = json(server.get("/v1/migrations/" + id));
        }
        return migration;
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response, 200);
    }

    static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return TestServer.json(response);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error.get("message").asText()).isNotBlank();
        if (code != null) {
            assertThat(error.get("code").asText()).isEqualTo(code);
        }
    }

    private static List<String> resultIds(JsonNode recall) {
        var ids = new ArrayList<String>();
        recall.get("data").forEach(each -> ids.add(each.get("id").asText()));
        return ids;
    }

    private static List<Double> scores(JsonNode recall) {
        var scores = new ArrayList<Double>();
        recall.get("data").forEach(each -> scores.add(each.get("score").asDouble()));
        return scores;
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Searches every 20 ms while the migration runs (online traffic, which the local models serve before the
     * migration's background work); on close, asserts that every answer was a 200 from exactly one space, its
     * results all of that space.
     */
    private static final class Reader implements AutoCloseable {

        private final AtomicBoolean stop = new AtomicBoolean();
        private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        private final Set<String> spacesSeen = ConcurrentHashMap.newKeySet();
        private final AtomicInteger answers = new AtomicInteger();
        private final Thread thread;

        Reader(TestServer server, String query) {
            thread = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    HttpResponse<String> response = server.post("/v1/memories/search", query);
                    if (response.statusCode() != 200) {
                        problems.add(response.statusCode() + " " + response.body());
                        continue;
                    }
                    JsonNode recall = TestServer.json(response);
                    var spaces = new HashSet<String>();
                    recall.get("data").forEach(each -> spaces.add(each.get("space").asText()));
                    if (recall.get("spaces").size() != 1 || spaces.size() != 1
                            || !spaces.contains(recall.get("spaces").get(0).asText())) {
                        problems.add("mixed spaces: " + recall);
                    }
                    spacesSeen.addAll(spaces);
                    answers.incrementAndGet();
                    pause();
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
            assertThat(problems).as("answers while the migration ran").isEmpty();
            assertThat(answers.get()).as("recall answered throughout").isGreaterThan(5);
        }

        private void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                stop.set(true);
            }
        }

        void awaitSpace(String space) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!spacesSeen.contains(space)) {
                assertThat(System.nanoTime()).as("the reader never saw %s", space).isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }
}
