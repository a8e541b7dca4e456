package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.cache.MovableClock;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import dev.embedgate.usage.UsageEntry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving stale on error over HTTP, with the simulator failing every provider of a space: the cache's expired
 * entries of that space answer, marked {@code X-EmbedGate-Stale}, billing nothing; never another space's, never
 * when the setting is off. Both tiers (memory and the database) are past their TTL on a clock the test moves.
 */
class StaleOnErrorTest {

    private static final Map<String, String> ENV = Map.of("SIM_HF_TOKEN", "hf_staleOnError0123456789",
            "SIM_COHERE_KEY", "co-stale-on-error-0123456789");
    private static final String MINILM = "minilm-remote";
    private static ProviderSimulator simulator;

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock();

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

    /**
     * Two remote providers of all-MiniLM-L6-v2's space (Hugging Face, then TEI) and Cohere's 384-d light model (another
     * space of equal dimensions); entries fresh for an hour in both tiers.
     */
    private GatewayConfig config(String staleFor) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                store: {dataDir: %s}
                cache:
                  memory: {ttl: 1h}
                  shared: {ttl: 1h}
                %s
                providers:
                  - {name: hf-minilm, kind: huggingface, model: sentence-transformers/all-MiniLM-L6-v2, baseUrl: "%s",
                     apiKeyEnv: SIM_HF_TOKEN, resilience: {maxAttempts: 1}}
                  - {name: tei-minilm, kind: tei, model: sentence-transformers/all-MiniLM-L6-v2, baseUrl: "%s",
                     resilience: {maxAttempts: 1}}
                  - {name: cohere-light, kind: cohere, model: embed-english-light-v3.0, baseUrl: "%s",
                     apiKeyEnv: SIM_COHERE_KEY, resilience: {maxAttempts: 1}}
                routes:
                  - {name: %s, providers: [hf-minilm, tei-minilm]}
                  - {name: light-384, providers: [cohere-light]}
                """.formatted(dir.resolve("data"), staleFor, simulator.huggingFaceBaseUrl(), simulator.teiBaseUrl(),
                simulator.cohereBaseUrl(), MINILM)));
    }

    private static String body(String model, String... inputs) {
        return "{\"model\": \"" + model + "\", \"input\": [\"" + String.join("\", \"", inputs) + "\"]}";
    }

    private static void everyProviderFails(Route... routes) {
        for (Route route : routes) {
            simulator.faults(route, Faults.builder().errorRate(1.0).build());
        }
    }

    @Test
    void whenEveryProviderOfTheSpaceFailsItsExpiredEntriesAnswerMarkedStaleAndBilledNothing() throws IOException {
        try (var server = new TestServer(config("  staleFor: 6h"), ENV, clock)) {
            HttpResponse<String> fresh = server.post("/v1/embeddings", body(MINILM, "first text", "second text"));
            clock.advance(Duration.ofMinutes(90));
            everyProviderFails(Route.HUGGINGFACE, Route.TEI);

            HttpResponse<String> stale = server.post("/v1/embeddings", body(MINILM, "second text", "first text"));
            HttpResponse<String> uncovered = server.post("/v1/embeddings", body(MINILM, "first text", "never seen"));
            HttpResponse<String> badInput = server.post("/v1/embeddings", body(MINILM, "first text", ""));

            assertThat(fresh.statusCode()).isEqualTo(200);
            assertThat(fresh.headers().firstValue("X-EmbedGate-Stale")).isEmpty();
            assertThat(stale.statusCode()).as(stale.body()).isEqualTo(200);
            assertThat(stale.headers().firstValue("X-EmbedGate-Stale")).hasValue("true");
            assertThat(stale.headers().firstValue("X-EmbedGate-Stale-Inputs")).hasValue("0,1");
            assertThat(stale.headers().firstValue("X-EmbedGate-Space")).isEqualTo(fresh.headers().firstValue("X-EmbedGate-Space"));
            assertThat(stale.headers().firstValue("X-EmbedGate-Degraded")).isEmpty();
            JsonNode staleJson = TestServer.json(stale);
            assertThat(staleJson.at("/data/0/embedding")).isEqualTo(TestServer.json(fresh).at("/data/1/embedding"));
            assertThat(staleJson.at("/data/1/embedding")).isEqualTo(TestServer.json(fresh).at("/data/0/embedding"));
            assertThat(staleJson.at("/usage/prompt_tokens").asLong()).isZero();
            assertThat(simulator.log().calls(Route.HUGGINGFACE)).as("every provider was tried first").isPositive();
            assertThat(simulator.log().calls(Route.TEI)).isPositive();
            assertThat(uncovered.statusCode()).as("nothing stale covers 'never seen'").isEqualTo(502);
            assertThat(uncovered.headers().firstValue("X-EmbedGate-Stale")).isEmpty();
            assertThat(badInput.statusCode()).isEqualTo(400);
            assertThat(server.get("/metrics").body())
                    .contains("embedgate_cache_stale_served_total{model=\"" + MINILM + "\"} 2.0");

            server.gateway().usage().flush();
            List<UsageEntry> rows = server.gateway().usage().ledger().since(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .stream().filter(row -> row.model().equals(MINILM)).toList();
            assertThat(rows).extracting(UsageEntry::inputTokens).as("only the fresh request billed tokens")
                    .containsExactly(TestServer.json(fresh).at("/usage/prompt_tokens").asLong());
            assertThat(rows).extracting(UsageEntry::cacheHits).containsExactly(2L);
        }
    }

    @Test
    void anExpiredEntryOfAnotherSpaceOfEqualDimensionsNeverAnswers() throws IOException {
        try (var server = new TestServer(config("  staleFor: 6h"), ENV, clock)) {
            server.post("/v1/embeddings", body(MINILM, "the same text"));
            clock.advance(Duration.ofMinutes(90));
            everyProviderFails(Route.HUGGINGFACE, Route.TEI, Route.COHERE);

            HttpResponse<String> otherSpace = server.post("/v1/embeddings", body("light-384", "the same text"));
            HttpResponse<String> ownSpace = server.post("/v1/embeddings", body(MINILM, "the same text"));

            assertThat(otherSpace.statusCode()).as(otherSpace.body()).isEqualTo(502);
            assertThat(otherSpace.headers().firstValue("X-EmbedGate-Stale")).isEmpty();
            assertThat(simulator.log().calls(Route.COHERE)).isPositive();
            assertThat(ownSpace.statusCode()).as("the entry is there, for its own space").isEqualTo(200);
            assertThat(ownSpace.headers().firstValue("X-EmbedGate-Stale")).hasValue("true");
        }
    }

    @Test
    void withoutStaleForAnExpiredEntryNeverAnswers() throws IOException {
        try (var server = new TestServer(config(""), ENV, clock)) {
            server.post("/v1/embeddings", body(MINILM, "kept by nobody"));
            clock.advance(Duration.ofMinutes(90));
            everyProviderFails(Route.HUGGINGFACE, Route.TEI);

            HttpResponse<String> answer = server.post("/v1/embeddings", body(MINILM, "kept by nobody"));

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.headers().firstValue("X-EmbedGate-Stale")).isEmpty();
        }
    }
}
