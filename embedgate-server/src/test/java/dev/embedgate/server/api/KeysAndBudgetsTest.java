package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.server.config.ConfigException;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.TestServices;
import dev.embedgate.store.keys.KeyScope;
import dev.embedgate.store.keys.NewApiKey;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gateway API keys (401, 403, per-key limits and budgets) and spend caps per model and per provider. */
class KeysAndBudgetsTest {

    private static final Map<String, String> ENV = Map.of("SIM_KEY", "sk-budget-test-0123456789");
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

    private GatewayConfig config(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  - {name: paid-a, kind: openai, model: text-embedding-3-small, baseUrl: "%1$s", apiKeyEnv: SIM_KEY}
                  - {name: paid-b, kind: openai, model: text-embedding-3-small, baseUrl: "%1$s", apiKeyEnv: SIM_KEY}
                routes:
                  - {name: docs, providers: [paid-a, paid-b]}
                """.formatted(simulator.openAiBaseUrl()) + yaml));
    }

    private static HttpResponse<String> post(TestServer server, String secret, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return server.send(request.build());
    }

    private static String docs(String text) {
        return "{\"model\": \"docs\", \"input\": \"" + text + "\"}";
    }

    @Test
    void requiredKeysRefuseMissingUnknownAndRevokedKeysButLeaveHealthOpen() throws IOException {
        try (var server = new TestServer(config("auth: {enabled: true}\n"), ENV)) {
            NewApiKey valid = server.gateway().keys().create("team-a", KeyScope.TENANT, Set.of(), null, null, null);
            NewApiKey revoked = server.gateway().keys().create("team-b", KeyScope.TENANT, Set.of(), null, null, null);
            server.gateway().keys().revoke(revoked.key().id());

            HttpResponse<String> missing = post(server, null, docs("x"));
            HttpResponse<String> unknown = post(server, "egk_not-a-real-key", docs("x"));
            HttpResponse<String> refusedRevoked = post(server, revoked.secret(), docs("x"));
            HttpResponse<String> accepted = post(server, valid.secret(), docs("x"));

            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(TestServer.json(missing).at("/error/code").asText()).isEqualTo("missing_api_key");
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(TestServer.json(unknown).at("/error/code").asText()).isEqualTo("invalid_api_key");
            assertThat(refusedRevoked.statusCode()).isEqualTo(401);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            for (HttpResponse<String> answer : List.of(missing, unknown, refusedRevoked, accepted)) {
                assertThat(answer.body()).doesNotContain(valid.secret()).doesNotContain(revoked.secret())
                        .doesNotContain("egk_not-a-real-key");
            }
            server.gateway().usage().flush();
            assertThat(server.gateway().usage().ledger().since(LocalDate.now(ZoneOffset.UTC)))
                    .as("usage is counted under the key's id").singleElement()
                    .satisfies(row -> assertThat(row.apiKey()).isEqualTo(valid.key().id()));
        }
    }

    @Test
    void keysThatCannotBeCheckedGive503NotA500() throws IOException {
        try (var server = new TestServer(config("auth: {enabled: true}\n"), ENV)) {
            server.gateway().database().close();

            HttpResponse<String> answer = post(server, "egk_some-key-nobody-can-check", docs("x"));

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(TestServer.json(answer).at("/error/code").asText()).isEqualTo("key_store_unavailable");
        }
    }

    @Test
    void aKeyLimitedToSomeModelsGets403ForOthers() throws IOException {
        try (var server = new TestServer(config("auth: {enabled: true}\n"), ENV)) {
            NewApiKey minilmOnly = server.gateway().keys().create("minilm only", KeyScope.TENANT,
                    Set.of("all-MiniLM-L6-v2"), null, null, null);

            HttpResponse<String> allowed = post(server, minilmOnly.secret(),
                    "{\"model\": \"sentence-transformers/all-MiniLM-L6-v2\", \"input\": \"x\"}");
            HttpResponse<String> forbidden = post(server, minilmOnly.secret(), docs("x"));

            assertThat(allowed.statusCode()).as("an alias in the list allows the canonical name too").isEqualTo(200);
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(TestServer.json(forbidden).at("/error/code").asText()).isEqualTo("model_not_allowed");
        }
    }

    @Test
    void aKeyLimitedToSomeModelsSeesOnlyThoseInTheModelList() throws IOException {
        try (var server = new TestServer(config("auth: {enabled: true}\n"), ENV)) {
            NewApiKey minilmOnly = server.gateway().keys().create("minilm only", KeyScope.TENANT,
                    Set.of("all-MiniLM-L6-v2"), null, null, null);
            NewApiKey everyModel = server.gateway().keys().create("all", KeyScope.TENANT, Set.of(), null, null, null);

            HttpResponse<String> limitedList = get(server, minilmOnly.secret(), "/v1/models");
            HttpResponse<String> fullList = get(server, everyModel.secret(), "/v1/models");
            HttpResponse<String> own = get(server, minilmOnly.secret(), "/v1/models/all-MiniLM-L6-v2");
            HttpResponse<String> other = get(server, minilmOnly.secret(), "/v1/models/docs");
            HttpResponse<String> unknown = get(server, minilmOnly.secret(), "/v1/models/no-such-model");

            assertThat(TestServer.json(limitedList).at("/data").findValuesAsText("id"))
                    .containsExactly("sentence-transformers/all-MiniLM-L6-v2");
            assertThat(TestServer.json(fullList).at("/data").findValuesAsText("id")).contains("docs").hasSizeGreaterThan(1);
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(other.statusCode()).isEqualTo(404);
            assertThat(other.body()).contains("model_not_found").doesNotContain("configured models: docs");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).as("names only the models the key may use").doesNotContain("docs")
                    .doesNotContain("bge-small");
        }
    }

    private static HttpResponse<String> get(TestServer server, String secret, String path) {
        return server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + secret).GET().build());
    }

    @Test
    void aKeyOverItsOwnRateLimitGets429() throws IOException {
        try (var server = new TestServer(config("auth: {enabled: true}\n"), ENV)) {
            NewApiKey limited = server.gateway().keys().create("three a minute", KeyScope.TENANT, Set.of(), 3, null,
                    null);

            List<Integer> statuses = IntStream.range(0, 4)
                    .mapToObj(i -> post(server, limited.secret(), docs("limited " + i)).statusCode()).toList();

            assertThat(statuses).containsExactly(200, 200, 200, 429);
        }
    }

    @Test
    void twoInstancesSharingRedisLimitsHoldAKeyToItsRateLimitTogether() throws IOException {
        TestServices.requireRedis();
        // Instances that share a store share PostgreSQL: a SQLite data folder serves one server.
        try (TestServices.Schema schema = TestServices.pgvectorSchema()) {
            GatewayConfig shared = config("auth: {enabled: true}\nstore: {postgres: {url: \"" + schema.url()
                    + "\", user: " + TestServices.POSTGRES_USER + "}}\n"
                    + "rateLimits: {store: redis, redisUrl: \"redis://127.0.0.1:6379\"}\n");
            try (var first = new TestServer(shared, ENV); var second = new TestServer(shared, ENV)) {
                NewApiKey limited = first.gateway().keys().create("four a minute", KeyScope.TENANT, Set.of(), 4, null,
                        null);

                List<Integer> statuses = IntStream.range(0, 6)
                        .mapToObj(i -> post(i % 2 == 0 ? first : second, limited.secret(), docs("shared " + i))
                                .statusCode())
                        .toList();

                assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
            }
        }
    }

    @Test
    void aKeysBudgetStopsItsRequestsOnceSpent() throws IOException {
        try (var server = new TestServer(config("auth: {enabled: true}\n"), ENV)) {
            // Any call costs more than a nano-dollar: the first request crosses the cap, the second is refused.
            NewApiKey tiny = server.gateway().keys().create("tiny budget", KeyScope.TENANT, Set.of(), null, 1L, null);
            NewApiKey other = server.gateway().keys().create("other team", KeyScope.TENANT, Set.of(), null, null, null);

            HttpResponse<String> first = post(server, tiny.secret(), docs("costly text one"));
            HttpResponse<String> second = post(server, tiny.secret(), docs("costly text two"));
            HttpResponse<String> otherKey = post(server, other.secret(), docs("costly text three"));

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(TestServer.json(second).at("/error/code").asText()).isEqualTo("budget_exceeded");
            assertThat(TestServer.json(second).at("/error/message").asText()).contains("API key '" + tiny.key().id() + "'")
                    .contains("daily budget");
            assertThat(Long.parseLong(second.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 86_400L);
            assertThat(otherKey.statusCode()).as("another key's budget is its own").isEqualTo(200);
        }
    }

    @Test
    void aSpentProviderBudgetReroutesToTheNextProviderOfTheSameSpace() throws IOException {
        try (var server = new TestServer(config("""
                budgets:
                  providers:
                    paid-a: {dailyUsd: 0.000000001, onExhausted: reroute}
                """), ENV)) {
            HttpResponse<String> first = post(server, null, docs("reroute one"));
            HttpResponse<String> second = post(server, null, docs("reroute two"));

            assertThat(first.headers().firstValue("X-EmbedGate-Provider")).hasValue("paid-a");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.headers().firstValue("X-EmbedGate-Provider")).hasValue("paid-b");
            assertThat(second.headers().firstValue("X-EmbedGate-Space"))
                    .isEqualTo(first.headers().firstValue("X-EmbedGate-Space"));
        }
    }

    @Test
    void aSpentProviderOrModelBudgetThatRejectsGives429() throws IOException {
        try (var server = new TestServer(config("""
                budgets:
                  models:
                    docs: {monthlyUsd: 0.000000001}
                """), ENV)) {
            assertThat(post(server, null, docs("model budget one")).statusCode()).isEqualTo(200);
            HttpResponse<String> refused = post(server, null, docs("model budget two"));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(TestServer.json(refused).at("/error/message").asText()).contains("model 'docs'").contains("monthly");
            assertThat(post(server, null, "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"free\"}").statusCode())
                    .as("other models are not capped").isEqualTo(200);
        }
    }

    @Test
    void aBudgetNamingAnUnknownProviderStopsStartUp() throws IOException {
        GatewayConfig config = config("""
                budgets:
                  providers:
                    paid-c: {dailyUsd: 1}
                """);
        Assertions.assertThatThrownBy(() -> new TestServer(config, ENV)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("budgets.providers.paid-c").hasMessageContaining("paid-a");
    }

    @Test
    void theSimulatorSawNoCallAfterABudgetRefused() throws IOException {
        simulator.log().reset();
        try (var server = new TestServer(config("budgets: {models: {docs: {dailyUsd: 0}}}\n"), ENV)) {
            HttpResponse<String> refused = post(server, null, docs("never sent"));

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(simulator.log().calls(Route.OPENAI)).isZero();
        }
    }
}
