package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reranking on the embedded default, with no reranker configured: the local cosine ranker (bge-small) answers in
 * Cohere's, Jina's and TEI's shapes, offline, and says that it did; bad requests get a 400 naming the field.
 */
class LocalRerankApiTest {

    private static final String QUERY = "How do I serve web pages from my machine?";
    private static final List<String> DOCUMENTS = List.of(
            "A chess engine that plays at grandmaster strength",
            "Apache HTTP Server, a fast and secure web server for serving HTML pages",
            "A monospaced font for terminals",
            "nginx: a small, high-performance HTTP server and reverse proxy");

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theLocalRankerPutsTheRelevantDocumentsFirstAndSaysItAnswered() {
        HttpResponse<String> response = server.post("/v1/rerank", body("\"model\": \"local-cosine\", \"top_n\": 2, "
                + "\"return_documents\": true"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-EmbedGate-Ranker")).hasValue("cosine/BAAI/bge-small-en-v1.5");
        assertThat(response.headers().firstValue("X-EmbedGate-Fallback")).isEmpty();
        JsonNode answer = TestServer.json(response);
        JsonNode results = answer.get("results");
        assertThat(results).hasSize(2);
        assertThat(List.of(results.get(0).get("index").asInt(), results.get(1).get("index").asInt()))
                .containsExactlyInAnyOrder(1, 3);
        assertThat(results.get(0).get("relevance_score").asDouble())
                .isGreaterThanOrEqualTo(results.get(1).get("relevance_score").asDouble());
        assertThat(results.get(0).get("document").get("text").asText())
                .isEqualTo(DOCUMENTS.get(results.get(0).get("index").asInt()));
        assertThat(answer.get("model").asText()).isEqualTo("local-cosine");
        assertThat(answer.get("usage").get("total_tokens").asLong()).as("0 when every vector was cached").isNotNegative();
    }

    @Test
    void everyDocumentIsRankedOnceWithoutTopN() {
        JsonNode results = TestServer.json(server.post("/v2/rerank", body("\"model\": \"local-cosine\""))).get("results");

        assertThat(results).hasSize(DOCUMENTS.size());
        var indexes = new ArrayList<Integer>();
        double previous = Double.MAX_VALUE;
        for (JsonNode result : results) {
            indexes.add(result.get("index").asInt());
            assertThat(result.get("relevance_score").asDouble()).isLessThanOrEqualTo(previous);
            previous = result.get("relevance_score").asDouble();
            assertThat(result.has("document")).isFalse();
        }
        assertThat(indexes).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void teiClientsGetTeisShapeFromTheDefaultReranker() {
        String texts = String.join(", ", DOCUMENTS.stream().map(text -> "\"" + text + "\"").toList());
        HttpResponse<String> response = server.post("/rerank", "{\"query\": \"" + QUERY + "\", \"texts\": [" + texts
                + "], \"return_text\": true, \"raw_scores\": false}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = TestServer.json(response);
        assertThat(results.isArray()).isTrue();
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("index").asInt()).isIn(1, 3);
        assertThat(results.get(0).get("text").asText()).isEqualTo(DOCUMENTS.get(results.get(0).get("index").asInt()));
        assertThat(results.get(0).has("score")).isTrue();
    }

    @Test
    void modelsListTheRerankerWithItsCapability() {
        JsonNode models = TestServer.json(server.get("/v1/models")).get("data");

        JsonNode reranker = null;
        for (JsonNode model : models) {
            if (model.get("id").asText().equals("local-cosine")) {
                reranker = model;
            }
            assertThat(model.get("capabilities")).isNotEmpty();
        }
        assertThat(reranker).as(models.toString()).isNotNull();
        assertThat(reranker.get("capabilities").get(0).asText()).isEqualTo("rerank");
        assertThat(reranker.get("local_fallback").asBoolean()).isTrue();
        assertThat(reranker.has("dimensions")).isFalse();
        assertThat(TestServer.json(server.get("/v1/models/local-cosine")).get("id").asText()).isEqualTo("local-cosine");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "\"d" + i + "\"").reduce((a, b) -> a + "," + b)
                .orElseThrow();
        assertRefused("{\"query\": \"q\", \"documents\": [" + tooMany + "]}", "documents");
        assertRefused("{\"query\": \"q\", \"documents\": []}", "documents");
        assertRefused("{\"documents\": [\"a\"]}", "query");
        assertRefused("{\"query\": \"  \", \"documents\": [\"a\"]}", "query");
        assertRefused("{\"query\": \"q\", \"documents\": [\"a\", 5]}", "documents[1]");
        assertRefused("{\"query\": \"q\", \"documents\": [\"a\"], \"top_n\": 0}", "top_n");
        assertRefused("{\"query\": \"q\", \"documents\": [\"a\"], \"rank_fields\": [\"x\"]}", "rank_fields");
        assertRefused("{\"query\": 7, \"documents\": [\"a\"]}", "query");

        HttpResponse<String> unknown = server.post("/v1/rerank", "{\"model\": \"rerank-nope\", \"query\": \"q\", "
                + "\"documents\": [\"a\"]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(unknown).get("error").get("message").asText()).contains("local-cosine");

        HttpResponse<String> tei = server.post("/rerank", "{\"query\": \"q\", \"texts\": [\"a\"], \"truncate\": false}");
        assertThat(tei.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(tei).get("error").get("param").asText()).isEqualTo("truncate");
    }

    private static void assertRefused(String body, String param) {
        HttpResponse<String> response = server.post("/v1/rerank", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(TestServer.json(response).get("error").get("param").asText()).isEqualTo(param);
    }

    private static String body(String extra) {
        String documents = String.join(", ", DOCUMENTS.stream().map(text -> "\"" + text + "\"").toList());
        return "{\"query\": \"" + QUERY + "\", \"documents\": [" + documents + "], " + extra + "}";
    }
}
