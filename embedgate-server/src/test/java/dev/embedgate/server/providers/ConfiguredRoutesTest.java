package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigException;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.TestServices;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Providers and routes declared in YAML, explicit degraded fallback, and rate limits shared through Redis. */
class ConfiguredRoutesTest {

    private static final Map<String, String> ENV = Map.of("SIM_OPENAI_KEY", "sk-configured-0123456789");

    @TempDir
    Path dir;

    @Test
    void routeWithAnExplicitFallbackIntoAnotherSpaceAnswersDegraded() throws IOException {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withFaults(Route.OPENAI, Faults.builder().errorRate(1.0).build()))) {
            GatewayConfig config = load("""
                    providers:
                      - name: sim-openai
                        kind: openai
                        model: text-embedding-3-small
                        baseUrl: %s
                        apiKeyEnv: SIM_OPENAI_KEY
                        deadlineMillis: 3000
                      - name: emergency-hash
                        kind: hash
                        dimensions: 1536
                    routes:
                      - name: docs-embeddings
                        providers: [sim-openai]
                        fallback: [emergency-hash]
                    """.formatted(simulator.openAiBaseUrl()));
            try (var server = new TestServer(config, ENV)) {
                HttpResponse<String> response = server.post("/v1/embeddings", "{\"model\": \"docs-embeddings\", \"input\": \"x\"}");

                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-EmbedGate-Degraded")).hasValue("true");
                assertThat(response.headers().firstValue("X-EmbedGate-Space")).hasValueSatisfying(
                        space -> assertThat(space).startsWith("embedgate/hash@"));
                assertThat(simulator.log().calls(Route.OPENAI)).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @Test
    void aPricePerCallIsChargedForEveryUpstreamCallBesideTheTokens() throws IOException {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0))) {
            GatewayConfig config = load("""
                    providers:
                      - name: priced-per-call
                        kind: openai
                        model: text-embedding-3-small
                        baseUrl: %s
                        apiKeyEnv: SIM_OPENAI_KEY
                        usdPerMillionTokens: 0
                        usdPerRequest: 0.001
                        limits: {maxInputsPerRequest: 2, maxTokensPerInput: 8192, maxTokensPerRequest: 300000}
                    routes:
                      - name: per-call
                        providers: [priced-per-call]
                    """.formatted(simulator.openAiBaseUrl()));
            try (var server = new TestServer(config, ENV)) {
                assertThat(server.post("/v1/embeddings", "{\"model\": \"per-call\", \"input\": [\"a\", \"b\", \"c\"]}")
                        .statusCode()).isEqualTo(200);
                server.gateway().usage().flush();

                var rows = server.gateway().usage().ledger().since(LocalDate.now(ZoneOffset.UTC));

                assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(2);
                assertThat(rows).singleElement().satisfies(row -> {
                    assertThat(row.calls()).isEqualTo(2);
                    assertThat(row.costNanoUsd()).as("two calls at $0.001, tokens free").isEqualTo(2_000_000);
                });
            }
        }
    }

    @Test
    void configuredLimitsSplitRequestsIntoCallsThatFit() throws IOException {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0))) {
            GatewayConfig config = load("""
                    providers:
                      - name: small-batches
                        kind: openai
                        model: text-embedding-3-small
                        baseUrl: %s
                        apiKeyEnv: SIM_OPENAI_KEY
                        limits: {maxInputsPerRequest: 2, maxTokensPerInput: 8192, maxTokensPerRequest: 300000}
                    routes:
                      - name: batched
                        providers: [small-batches]
                    """.formatted(simulator.openAiBaseUrl()));
            try (var server = new TestServer(config, ENV)) {
                HttpResponse<String> response = server.post("/v1/embeddings",
                        "{\"model\": \"batched\", \"input\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}");

                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(simulator.log().inputCounts(Route.OPENAI)).containsExactlyInAnyOrder(2, 2, 1);
                // The third text travelled in the second call; its vector still lands at index 2.
                HttpResponse<String> alone = server.post("/v1/embeddings", "{\"model\": \"batched\", \"input\": \"c\"}");
                assertThat(TestServer.floats(TestServer.json(response).get("data").get(2).get("embedding")))
                        .containsExactly(TestServer.floats(TestServer.json(alone).get("data").get(0).get("embedding")));
            }
        }
    }

    @Test
    void routeMixingSpacesIsRefusedAtStartUp() throws IOException {
        GatewayConfig config = load("""
                providers:
                  - name: small
                    kind: openai
                    model: text-embedding-3-small
                    baseUrl: http://127.0.0.1:9/v1
                    apiKeyEnv: SIM_OPENAI_KEY
                  - name: local-minilm
                    kind: local
                    model: all-MiniLM-L6-v2
                routes:
                  - name: mixed
                    providers: [small, local-minilm]
                """);

        assertThatThrownBy(() -> new TestServer(config, ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("routes[mixed]").hasMessageContaining("mixes spaces");
    }

    @Test
    void twoInstancesSharingARedisLimitStayWithinItTogether() throws Exception {
        TestServices.requireRedis();
        int perMinute = 20;
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withFaults(Route.OPENAI, Faults.builder().requestsPerMinute(perMinute).build()))) {
            GatewayConfig config = load("""
                    providers:
                      - name: shared-openai-%s
                        kind: openai
                        model: text-embedding-3-small
                        baseUrl: %s
                        apiKeyEnv: SIM_OPENAI_KEY
                        rateLimit: {requestsPerMinute: %d}
                        deadlineMillis: 1500
                    routes:
                      - name: shared
                        providers: [shared-openai-%1$s]
                    rateLimits:
                      store: redis
                      redisUrl: redis://127.0.0.1:6379
                    """.formatted(UUID.randomUUID(), simulator.openAiBaseUrl(), perMinute));
            try (var first = new TestServer(config, ENV); var second = new TestServer(config, ENV)) {
                var answers = new ArrayList<CompletableFuture<HttpResponse<String>>>();
                for (int i = 0; i < 40; i++) {
                    TestServer server = i % 2 == 0 ? first : second;
                    String body = "{\"model\": \"shared\", \"input\": \"text " + i + "\"}";
                    answers.add(CompletableFuture.supplyAsync(() -> server.post("/v1/embeddings", body)));
                }
                List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();

                assertThat(simulator.log().statuses(Route.OPENAI)).as("the simulator never had to refuse").doesNotContain(429);
                // 19 in the bucket (a minute's budget less the headroom), plus at most one refill (one per 3 s)
                // during the 1.5 s the others wait.
                assertThat(simulator.log().calls(Route.OPENAI)).isBetween(perMinute - 1, perMinute);
                assertThat(responses.stream().filter(response -> response.statusCode() == 200).count())
                        .isEqualTo(simulator.log().calls(Route.OPENAI));
                assertThat(responses).filteredOn(response -> response.statusCode() != 200).isNotEmpty().allSatisfy(refused -> {
                    assertThat(refused.statusCode()).as("over the shared limit: 429, not a provider failure").isEqualTo(429);
                    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                    assertThat(refused.body()).contains("rate_limit_exceeded");
                });
            }
        }
    }

    private GatewayConfig load(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                """ + yaml));
    }
}
