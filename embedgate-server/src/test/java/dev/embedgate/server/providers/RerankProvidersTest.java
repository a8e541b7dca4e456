package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.Capability;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import dev.embedgate.testkit.rerank.SimulatedRelevance;
import dev.embedgate.usage.UsageEntry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/rerank} over every remote reranking kind, configured in YAML and reached at the provider simulator:
 * scores as the simulator computes them, batches sized to the provider, the score cache, failover to the next
 * provider, the local cosine ranker when every provider failed (and a clear error where it is not allowed), raw
 * scores where a provider has them, and the ledger's per-call price.
 */
class RerankProvidersTest {

    private static final String KEY = "sk-rerank-test-0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("SIM_KEY", KEY);
    private static final String QUERY = "fast http server for static pages";

    private static ProviderSimulator simulator;
    private static TestServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
        GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                rerank:
                  providers:
                    - name: sim-cohere
                      kind: cohere
                      model: rerank-english-v3.0
                      baseUrl: %s
                      apiKeyEnv: SIM_KEY
                      deadlineMillis: 2000
                      resilience: {maxAttempts: 2, initialBackoff: 10ms, slidingWindowCalls: 1000, minimumCalls: 1000}
                    - name: sim-tei
                      kind: tei
                      model: bge-reranker-base
                      baseUrl: %s
                      deadlineMillis: 2000
                      resilience: {maxAttempts: 2, initialBackoff: 10ms, slidingWindowCalls: 1000, minimumCalls: 1000}
                    - name: sim-jina
                      kind: jina
                      model: jina-reranker-v2-base-multilingual
                      baseUrl: %s
                      apiKeyEnv: SIM_KEY
                    - name: sim-hf
                      kind: huggingface
                      model: cross-encoder/ms-marco-MiniLM-L6-v2
                      baseUrl: %s
                      apiKeyEnv: SIM_KEY
                  routes:
                    - name: rerank-english-v3.0
                      providers: [sim-cohere, sim-tei]
                    - name: strict
                      providers: [sim-cohere]
                      localFallback: false
                    - {name: jina, providers: [sim-jina]}
                    - {name: hf, providers: [sim-hf]}
                    - {name: tei, providers: [sim-tei]}
                """.formatted(simulator.cohereBaseUrl(), simulator.teiBaseUrl(), simulator.jinaBaseUrl(),
                simulator.huggingFaceBaseUrl())));
        server = new TestServer(config, ENV);
    }

    @AfterAll
    static void stop() {
        server.close();
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.reset();
    }

    @Test
    void everyKindRanksWithTheScoresItsProviderGave() {
        for (String model : List.of("rerank-english-v3.0", "jina", "hf", "tei")) {
            List<String> documents = documents("kind " + model, 5);
            HttpResponse<String> response = rerank(model, documents, null);

            assertThat(response.statusCode()).as(model + ": " + response.body()).isEqualTo(200);
            JsonNode results = TestServer.json(response).get("results");
            assertThat(results).as(model).hasSize(5);
            List<Double> expected = SimulatedRelevance.scores(QUERY, documents, false);
            double previous = Double.MAX_VALUE;
            for (JsonNode result : results) {
                double score = result.get("relevance_score").asDouble();
                assertThat(score).as(model).isCloseTo(expected.get(result.get("index").asInt()), within(1e-6));
                assertThat(score).isLessThanOrEqualTo(previous);
                previous = score;
            }
            assertThat(response.headers().firstValue("X-EmbedGate-Ranker")).hasValueSatisfying(
                    ranker -> assertThat(ranker).startsWith("sim-"));
        }
    }

    @Test
    void documentsGoUpstreamInBatchesTheProviderTakes() {
        List<String> documents = documents("batches", 70);
        HttpResponse<String> response = rerank("tei", documents, 3);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestServer.json(response).get("results")).hasSize(3);
        assertThat(simulator.log().rerankCalls(Route.TEI)).isEqualTo(3);
        assertThat(simulator.log().rerankDocuments(Route.TEI)).isEqualTo(70);
    }

    @Test
    void aRepeatedRequestIsAnsweredFromTheScoreCache() {
        List<String> documents = documents("cache", 4);
        JsonNode first = TestServer.json(rerank("rerank-english-v3.0", documents, null));
        int calls = simulator.log().rerankCalls(Route.COHERE);

        JsonNode second = TestServer.json(rerank("rerank-english-v3.0", documents, null));

        assertThat(simulator.log().rerankCalls(Route.COHERE)).isEqualTo(calls);
        assertThat(second.get("results")).isEqualTo(first.get("results"));
    }

    @Test
    void aFailingProviderIsFailedOverAndTheWholeAnswerComesFromTheNext() {
        simulator.faults(Route.COHERE, Faults.builder().errorRate(1.0).build());
        List<String> documents = documents("failover", 6);

        HttpResponse<String> response = rerank("rerank-english-v3.0", documents, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-EmbedGate-Ranker")).hasValue("sim-tei");
        assertThat(simulator.log().rerankCalls(Route.TEI)).isEqualTo(1);
        assertThat(simulator.log().calls(Route.COHERE)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void whenEveryProviderFailsTheLocalRankerAnswersAndSaysSoUnlessTheRouteForbidsIt() {
        simulator.faults(Route.COHERE, Faults.builder().errorRate(1.0).build());
        simulator.faults(Route.TEI, Faults.builder().errorRate(1.0).build());
        List<String> documents = List.of("a recipe for bread", "a fast http server for static pages");

        HttpResponse<String> fallback = rerank("rerank-english-v3.0", documents, null);

        assertThat(fallback.statusCode()).as(fallback.body()).isEqualTo(200);
        assertThat(fallback.headers().firstValue("X-EmbedGate-Fallback")).hasValue("true");
        assertThat(fallback.headers().firstValue("X-EmbedGate-Ranker")).hasValueSatisfying(
                ranker -> assertThat(ranker).startsWith("cosine/"));
        assertThat(TestServer.json(fallback).get("results").get(0).get("index").asInt()).isEqualTo(1);

        HttpResponse<String> strict = rerank("strict", documents("strict", 2), null);
        assertThat(strict.statusCode()).as(strict.body()).isEqualTo(502);
        assertThat(strict.body()).contains("sim-cohere").doesNotContain(KEY);
    }

    @Test
    void rawScoresComeFromProvidersThatHaveThemAndAreRefusedWhereNoneDoes() {
        List<String> documents = documents("raw", 3);
        String texts = String.join(", ", documents.stream().map(text -> "\"" + text + "\"").toList());

        HttpResponse<String> raw = server.post("/rerank", "{\"model\": \"tei\", \"query\": \"" + QUERY
                + "\", \"texts\": [" + texts + "], \"raw_scores\": true}");

        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        for (JsonNode result : TestServer.json(raw)) {
            assertThat(result.get("score").asDouble()).isCloseTo(SimulatedRelevance.rawScore(QUERY,
                    documents.get(result.get("index").asInt())), within(1e-6));
        }
        HttpResponse<String> refused = server.post("/rerank", "{\"model\": \"strict\", \"query\": \"q\", "
                + "\"texts\": [\"a\"], \"raw_scores\": true}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(refused).get("error").get("param").asText()).isEqualTo("raw_scores");
    }

    @Test
    void theLedgerChargesCoheresPricePerSearch() {
        rerank("strict", documents("ledger", 3), null);
        server.gateway().usage().flush();

        List<UsageEntry> rows = server.gateway().usage().ledger().since(LocalDate.now(ZoneOffset.UTC)).stream()
                .filter(row -> row.capability() == Capability.RERANK && row.model().equals("strict")).toList();

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.provider()).isEqualTo("sim-cohere");
            assertThat(row.requests()).isEqualTo(1);
            assertThat(row.calls()).isEqualTo(1);
            assertThat(row.costNanoUsd()).as("one search at $0.002").isEqualTo(2_000_000);
            assertThat(row.inputTokens()).isPositive();
        });
    }

    private static HttpResponse<String> rerank(String model, List<String> documents, Integer topN) {
        String texts = String.join(", ", documents.stream().map(text -> "\"" + text + "\"").toList());
        return server.post("/v1/rerank", "{\"model\": \"" + model + "\", \"query\": \"" + QUERY + "\", \"documents\": ["
                + texts + "]" + (topN == null ? "" : ", \"top_n\": " + topN) + "}");
    }

    /** Documents unique to one test (the score cache would otherwise answer), sharing 0 to 3 words with the query. */
    private static List<String> documents(String tag, int count) {
        String[] words = {"fast", "http", "server", "static"};
        var documents = new ArrayList<String>();
        IntStream.range(0, count).forEach(i -> documents.add(tag + " document " + i + " "
                + String.join(" ", List.of(words).subList(0, i % 4))));
        return documents;
    }
}
