package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.Capability;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.TestServices;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import dev.embedgate.usage.UsageEntry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache over HTTP: headers, opt-out, admin, persistence across restarts, single-flight and the usage ledger. */
class CachingTest {

    private static final String KEY = "sk-caching-test-0123456789";

    @TempDir
    Path dir;

    private static String body(String... inputs) {
        var quoted = new ArrayList<String>();
        for (String input : inputs) {
            quoted.add("\"" + input + "\"");
        }
        return "{\"model\": \"all-MiniLM-L6-v2\", \"input\": [" + String.join(",", quoted) + "]}";
    }

    private GatewayConfig config(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                """ + yaml));
    }

    @Test
    void headersSayHitMissOrPartialAndUsageBillsOnlyWhatWentUpstream() {
        try (var server = new TestServer()) {
            HttpResponse<String> miss = server.post("/v1/embeddings", body("first cached text", "second cached text"));
            HttpResponse<String> hit = server.post("/v1/embeddings", body("first cached text", "second cached text"));
            HttpResponse<String> partial = server.post("/v1/embeddings", body("second cached text", "a new text"));

            assertThat(miss.headers().firstValue("X-EmbedGate-Cache")).hasValue("miss");
            assertThat(hit.headers().firstValue("X-EmbedGate-Cache")).hasValue("hit");
            assertThat(partial.headers().firstValue("X-EmbedGate-Cache")).hasValue("partial");
            assertThat(hit.headers().firstValue("X-EmbedGate-Provider")).hasValue("cache");
            assertThat(TestServer.json(hit).at("/usage/prompt_tokens").asLong()).isZero();
            assertThat(TestServer.json(miss).at("/usage/prompt_tokens").asLong()).isPositive();
            assertThat(TestServer.json(miss).at("/usage/prompt_tokens_details/cached_tokens").asLong()).isZero();
            assertThat(TestServer.json(hit).at("/usage/prompt_tokens_details/cached_tokens").asLong())
                    .isEqualTo(TestServer.json(miss).at("/usage/prompt_tokens").asLong());
            HttpResponse<String> alone = server.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", "
                    + "\"input\": \"second cached text\", \"cache\": false}");
            assertThat(TestServer.json(partial).at("/usage/prompt_tokens_details/cached_tokens").asLong())
                    .isEqualTo(TestServer.json(alone).at("/usage/prompt_tokens").asLong());
            assertThat(TestServer.json(partial).at("/data/0/embedding")).isEqualTo(TestServer.json(hit).at("/data/1/embedding"));
            assertThat(TestServer.json(partial).at("/data/1/index").asInt()).isEqualTo(1);
            double total = Double.parseDouble(miss.headers().firstValue("X-EmbedGate-Total-Ms").orElseThrow());
            double upstream = Double.parseDouble(miss.headers().firstValue("X-EmbedGate-Upstream-Ms").orElseThrow());
            assertThat(upstream).isPositive();
            assertThat(total).isGreaterThanOrEqualTo(upstream);
            assertThat(Double.parseDouble(hit.headers().firstValue("X-EmbedGate-Upstream-Ms").orElseThrow())).isZero();
        }
    }

    @Test
    void cacheFalseInTheBodyOrNoCacheInTheHeaderSkipsTheCache() {
        try (var server = new TestServer()) {
            server.post("/v1/embeddings", body("opt-out text"));

            HttpResponse<String> byBody = server.post("/v1/embeddings",
                    "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"opt-out text\", \"cache\": false}");
            HttpResponse<String> byHeader = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                    .header("Cache-Control", "no-cache").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body("opt-out text"))).build());
            HttpResponse<String> wrongType = server.post("/v1/embeddings",
                    "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"x\", \"cache\": \"no\"}");

            assertThat(byBody.headers().firstValue("X-EmbedGate-Cache")).hasValue("miss");
            assertThat(byHeader.headers().firstValue("X-EmbedGate-Cache")).hasValue("miss");
            assertThat(wrongType.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(wrongType).at("/error/param").asText()).isEqualTo("cache");
        }
    }

    @Test
    void adminListsEntriesPerSpaceAndPurgesOneSpace() {
        try (var server = new TestServer()) {
            HttpResponse<String> minilm = server.post("/v1/embeddings", body("purge me", "and me"));
            server.post("/v1/embeddings", "{\"model\": \"bge-small-en-v1.5\", \"input\": \"keep me\"}");
            String space = minilm.headers().firstValue("X-EmbedGate-Space").orElseThrow();

            JsonNode before = TestServer.json(server.get("/admin/cache"));
            HttpResponse<String> purged = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/admin/cache?space=" + URLEncoder.encode(space, StandardCharsets.UTF_8)))
                    .DELETE().build());
            JsonNode after = TestServer.json(server.get("/admin/cache"));

            assertThat(before.at("/tiers/0/tier").asText()).isEqualTo("memory");
            assertThat(before.at("/tiers/1/tier").asText()).isEqualTo("database");
            assertThat(before.at("/tiers/0/entries_by_space").get(space).asLong()).isEqualTo(2);
            assertThat(before.at("/tiers/1/entries_by_space").get(space).asLong()).isEqualTo(2);
            assertThat(TestServer.json(purged).at("/removed/memory").asLong()).isEqualTo(2);
            assertThat(TestServer.json(purged).at("/removed/database").asLong()).isEqualTo(2);
            assertThat(after.at("/tiers/0/entries_by_space").has(space)).isFalse();
            assertThat(after.at("/tiers/0/entries_by_space").size()).as("bge's entry stays").isEqualTo(1);
            assertThat(server.post("/v1/embeddings", body("purge me")).headers().firstValue("X-EmbedGate-Cache"))
                    .hasValue("miss");
        }
    }

    @Test
    void theEmbeddedStoreKeepsTheCacheAcrossARestart() throws IOException {
        GatewayConfig config = config("store: {dataDir: %s}\n".formatted(dir.resolve("data")));
        String vector;
        try (var server = new TestServer(config)) {
            vector = TestServer.json(server.post("/v1/embeddings", body("remembered after restart"))).at("/data/0").toString();
        }
        try (var restarted = new TestServer(config)) {
            HttpResponse<String> again = restarted.post("/v1/embeddings", body("remembered after restart"));

            assertThat(again.headers().firstValue("X-EmbedGate-Cache")).hasValue("hit");
            assertThat(TestServer.json(again).at("/data/0").toString()).isEqualTo(vector);
        }
        assertThat(dir.resolve("data").resolve("embedgate.db")).exists();
    }

    @Test
    void postgresKeepsTheCacheAcrossARestart() throws IOException {
        try (var schema = TestServices.pgvectorSchema()) {
            GatewayConfig config = config("""
                    store:
                      postgres: {url: "%s", user: postgres}
                    """.formatted(schema.url()));
            try (var server = new TestServer(config)) {
                server.post("/v1/embeddings", body("kept in postgres"));
            }
            try (var restarted = new TestServer(config)) {
                assertThat(restarted.post("/v1/embeddings", body("kept in postgres")).headers()
                        .firstValue("X-EmbedGate-Cache")).hasValue("hit");
            }
        }
    }

    @Test
    void twoInstancesShareTheRedisTier() throws IOException {
        TestServices.requireRedis();
        GatewayConfig config = config("""
                cache:
                  shared: {tier: redis, redisUrl: "redis://127.0.0.1:6379"}
                """);
        String text = "shared through redis " + System.nanoTime();
        try (var first = new TestServer(config); var second = new TestServer(config)) {
            HttpResponse<String> embedded = first.post("/v1/embeddings", body(text));
            HttpResponse<String> fromRedis = second.post("/v1/embeddings", body(text));

            assertThat(embedded.headers().firstValue("X-EmbedGate-Cache")).hasValue("miss");
            assertThat(fromRedis.headers().firstValue("X-EmbedGate-Cache")).hasValue("hit");
            assertThat(TestServer.json(fromRedis).at("/data/0")).isEqualTo(TestServer.json(embedded).at("/data/0"));
            assertThat(TestServer.json(second.get("/admin/cache")).at("/tiers/1/hits").asLong()).isEqualTo(1);
        }
    }

    @Test
    void fiftyConcurrentIdenticalRequestsMakeOneUpstreamCall() throws Exception {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
             var server = new TestServer(GatewayConfig.DEFAULT.withDataDir(dir.resolve("sf")), openAiEnvironment(simulator))) {
            String request = "{\"model\": \"text-embedding-3-small\", \"input\": \"asked fifty times at once\"}";
            var start = new CountDownLatch(1);
            var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 50; i++) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return server.post("/v1/embeddings", request);
                    }, callers));
                }
                start.countDown();
                answers.forEach(answer -> assertThat(answer.join().statusCode()).isEqualTo(200));
            }

            assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(1);
        }
    }

    @Test
    void theLedgerMatchesTheSimulatorsOwnRequestLog() {
        List<String> texts = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 8; i++) {
                texts.add("ledger text " + (i * (round + 1)) % 11);
            }
        }
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
             var server = new TestServer(GatewayConfig.DEFAULT.withDataDir(dir.resolve("ledger")), openAiEnvironment(simulator))) {
            for (int from = 0; from < texts.size(); from += 4) {
                var inputs = texts.subList(from, from + 4);
                String body = "{\"model\": \"text-embedding-3-small\", \"input\": [\""
                        + String.join("\", \"", inputs) + "\"]}";
                assertThat(server.post("/v1/embeddings", body).statusCode()).isEqualTo(200);
            }
            server.gateway().usage().flush();

            List<UsageEntry> rows = server.gateway().usage().ledger().since(LocalDate.now(ZoneOffset.UTC));
            var distinct = new LinkedHashSet<>(texts);
            long simulatorTokens = distinct.stream().mapToLong(SimpleTokenCounter::count).sum();

            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.model()).isEqualTo("text-embedding-3-small");
                assertThat(row.requests()).isEqualTo(texts.size() / 4);
                assertThat(row.calls()).isEqualTo(simulator.log().calls(Route.OPENAI));
                assertThat(row.capability()).isEqualTo(Capability.EMBEDDING);
                assertThat(row.inputTokens()).isEqualTo(simulatorTokens);
                assertThat(row.outputTokens()).isZero();
                assertThat(row.cacheHits()).isEqualTo(texts.size() - simulator.log().inputs(Route.OPENAI));
                // text-embedding-3-small lists at $0.02 per million tokens: 20 nano-dollars a token.
                assertThat(row.costNanoUsd()).isEqualTo(simulatorTokens * 20);
                assertThat(row.savedNanoUsd()).isEqualTo(row.tokensSaved() * 20);
            });
            assertThat(simulator.log().inputs(Route.OPENAI)).isEqualTo(distinct.size());
        }
    }

    private static Map<String, String> openAiEnvironment(ProviderSimulator simulator) {
        return Map.of("EMBEDDING_PROVIDER", "openai", "OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", simulator.openAiBaseUrl());
    }
}
