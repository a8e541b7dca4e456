package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memory API over HTTP on the embedded default (Lucene in the data folder, the local all-MiniLM-L6-v2): save,
 * read, patch, delete, recall by meaning, words or both, and a clear 4xx for every bad input.
 */
class MemoryApiTest {

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
    void aSavedMemoryIsRecalledByMeaningWithItsCosineSimilarity() {
        HttpResponse<String> saved = server.post("/v1/memories", """
                {"namespace": "pets", "id": "cat", "content": "The cat sleeps on the warm windowsill",
                 "metadata": {"kind": "observation"}, "importance": 0.8}""");
        server.post("/v1/memories", """
                {"namespace": "pets", "memories": [
                  {"id": "tax", "content": "Quarterly tax returns are due at the end of the month"},
                  {"id": "rain", "content": "Heavy rain is expected over the weekend"}]}""");

        JsonNode found = TestServer.json(server.post("/v1/memories/search",
                "{\"namespace\": \"pets\", \"query\": \"Where does the kitten nap?\", \"k\": 2}"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(TestServer.json(saved).get("state").asText()).isEqualTo("embedded");
        assertThat(found.get("mode_used").asText()).isEqualTo("vector");
        assertThat(found.get("data")).hasSize(2);
        JsonNode best = found.get("data").get(0);
        assertThat(best.get("id").asText()).isEqualTo("cat");
        assertThat(best.get("score").asDouble()).isBetween(0.3, 1.0);
        assertThat(best.get("space").asText()).startsWith("sentence-transformers/all-MiniLM-L6-v2@");
        assertThat(best.get("metadata").get("kind").asText()).isEqualTo("observation");
        assertThat(found.get("spaces")).hasSize(1);
    }

    @Test
    void filtersKeywordAndHybridRecall() {
        server.post("/v1/memories", """
                {"namespace": "docs", "memories": [
                  {"id": "a", "content": "Invoices are sent on the first of the month", "metadata": {"team": "billing", "year": 2024}},
                  {"id": "b", "content": "Refunds take five business days", "metadata": {"team": "billing", "year": 2022}},
                  {"id": "c", "content": "The office closes at six", "metadata": {"team": "facilities", "year": 2024}}]}""");

        JsonNode billing2024 = TestServer.json(server.post("/v1/memories/search", """
                {"namespace": "docs", "query": "money", "k": 10,
                 "filter": {"team": "billing", "year": {"$gte": 2023}}}"""));
        JsonNode keyword = TestServer.json(server.post("/v1/memories/search",
                "{\"namespace\": \"docs\", \"query\": \"invoice\", \"mode\": \"keyword\"}"));
        JsonNode hybrid = TestServer.json(server.post("/v1/memories/search",
                "{\"namespace\": \"docs\", \"query\": \"when are refunds paid\", \"mode\": \"hybrid\", \"k\": 1}"));

        assertThat(ids(billing2024)).containsExactly("a");
        assertThat(ids(keyword)).containsExactly("a");
        assertThat(keyword.get("mode_used").asText()).isEqualTo("keyword");
        assertThat(ids(hybrid)).containsExactly("b");
        assertThat(hybrid.get("mode_used").asText()).isEqualTo("hybrid");
    }

    @Test
    void getPatchAndDeleteOneMemory() {
        server.post("/v1/memories", "{\"namespace\": \"crud\", \"id\": \"m1\", \"content\": \"remember the milk\"}");

        JsonNode read = TestServer.json(server.get("/v1/memories/m1?namespace=crud"));
        HttpResponse<String> patched = send("PATCH", "/v1/memories/m1?namespace=crud",
                "{\"metadata\": {\"done\": true}, \"importance\": 0.1}");
        HttpResponse<String> deleted = send("DELETE", "/v1/memories/m1?namespace=crud", null);

        assertThat(read.get("content").asText()).isEqualTo("remember the milk");
        assertThat(read.get("importance").asDouble()).isEqualTo(0.5);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(TestServer.json(patched).get("metadata").get("done").asBoolean()).isTrue();
        assertThat(TestServer.json(patched).get("importance").asDouble()).isEqualTo(0.1);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/memories/m1?namespace=crud").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/memories/m1?namespace=crud", null).statusCode()).isEqualTo(404);
        assertThat(server.get("/v1/memories/m1").statusCode()).isEqualTo(404);
    }

    @Test
    void deleteByFilterDeletesOnlyMatchesAndRefusesAnEmptyFilter() {
        server.post("/v1/memories", """
                {"namespace": "purge", "memories": [
                  {"id": "draft", "content": "a draft", "metadata": {"status": "draft"}},
                  {"id": "final", "content": "the final text", "metadata": {"status": "final"}}]}""");

        HttpResponse<String> refused = server.post("/v1/memories/delete", "{\"namespace\": \"purge\"}");
        JsonNode deleted = TestServer.json(server.post("/v1/memories/delete",
                "{\"namespace\": \"purge\", \"filter\": {\"status\": \"draft\"}}"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(deleted.get("deleted").asLong()).isEqualTo(1);
        assertThat(server.get("/v1/memories/final?namespace=purge").statusCode()).isEqualTo(200);
        assertThat(server.get("/v1/memories/draft?namespace=purge").statusCode()).isEqualTo(404);
    }

    @Test
    void recallByAGivenVectorSearchesThatSpaceOnly() {
        server.post("/v1/memories", "{\"namespace\": \"vec\", \"id\": \"v\", \"content\": \"vectors are lists of numbers\"}");
        JsonNode embedded = TestServer.json(server.post("/v1/embeddings",
                "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"lists of numbers\"}"));
        String vector = embedded.get("data").get(0).get("embedding").toString();
        String space = TestServer.json(server.get("/v1/spaces")).get("default_space").asText();

        JsonNode found = TestServer.json(server.post("/v1/memories/search", "{\"namespace\": \"vec\", \"vector\": "
                + vector + ", \"space\": \"" + space + "\"}"));
        HttpResponse<String> unknownSpace = server.post("/v1/memories/search",
                "{\"namespace\": \"vec\", \"vector\": " + vector + ", \"space\": \"no-such-space\"}");
        HttpResponse<String> wrongLength = server.post("/v1/memories/search",
                "{\"namespace\": \"vec\", \"vector\": [0.1, 0.2], \"space\": \"" + space + "\"}");

        assertThat(ids(found)).containsExactly("v");
        assertThat(unknownSpace.statusCode()).as(unknownSpace.body()).isEqualTo(400);
        assertThat(wrongLength.statusCode()).as(wrongLength.body()).isEqualTo(400);
    }

    @Test
    void spacesShowTheDistributionOfVectors() {
        server.post("/v1/memories", "{\"namespace\": \"census\", \"memories\": ["
                + IntStream.range(0, 5).mapToObj(i -> "{\"content\": \"note " + i + "\"}").collect(Collectors.joining(","))
                + "]}");

        JsonNode spaces = TestServer.json(server.get("/v1/spaces"));

        JsonNode census = find(spaces.get("namespaces"), "namespace", "census");
        assertThat(census.get("memories").asLong()).isEqualTo(5);
        assertThat(census.get("pending").asLong()).isZero();
        JsonNode space = find(spaces.get("data"), "id", census.get("active_space").asText());
        assertThat(space.get("served").asBoolean()).isTrue();
        assertThat(space.get("dimensions").asInt()).isEqualTo(384);
        assertThat(find(space.get("namespaces"), "namespace", "census").get("vectors").asLong()).isEqualTo(5);
    }

    @Test
    void recallNeverMixesTwoSpacesOfEqualDimensionsAndAllSpacesFusesThemByRank() {
        server.post("/v1/memories", """
                {"namespace": "mixed", "memories": [
                  {"id": "old-cat", "content": "A cat chases a red laser dot"},
                  {"id": "old-tax", "content": "Tax forms are filed in April"}]}""");
        var bge = server.gateway().service().registry().resolve("bge-small-en-v1.5").space();
        var store = server.gateway().memory().orElseThrow().store();
        store.addSpace(bge.id(), bge.dimensions());
        store.setActiveSpace("mixed", bge.id());
        server.post("/v1/memories", """
                {"namespace": "mixed", "memories": [
                  {"id": "new-dog", "content": "A dog fetches the ball in the park"},
                  {"id": "new-rent", "content": "Rent is paid on the first of the month"}]}""");

        JsonNode active = TestServer.json(server.post("/v1/memories/search",
                "{\"namespace\": \"mixed\", \"query\": \"pets playing\", \"k\": 10}"));
        JsonNode all = TestServer.json(server.post("/v1/memories/search",
                "{\"namespace\": \"mixed\", \"query\": \"pets playing\", \"k\": 10, \"spaces\": \"all\"}"));

        assertThat(ids(active)).containsExactlyInAnyOrder("new-dog", "new-rent");
        assertThat(active.get("data")).allSatisfy(each -> assertThat(each.get("space").asText()).isEqualTo(bge.id()));
        assertThat(ids(all)).containsExactlyInAnyOrder("old-cat", "old-tax", "new-dog", "new-rent");
        assertThat(all.get("spaces")).hasSize(2);
        for (JsonNode each : all.get("data")) {
            boolean old = each.get("id").asText().startsWith("old-");
            assertThat(each.get("space").asText()).as(each.toString())
                    .satisfies(space -> assertThat(space.equals(bge.id())).isEqualTo(!old));
        }
        assertThat(ids(all).subList(0, 2)).containsExactlyInAnyOrder("old-cat", "new-dog");
    }

    @Test
    void everyBadInputGetsAClear4xx() {
        List<String> bodies = List.of(
                "not json",
                "[]",
                "{}",
                "{\"content\": 42}",
                "{\"content\": \"\"}",
                "{\"content\": \"   \"}",
                "{\"content\": \"x\", \"importance\": 2}",
                "{\"content\": \"x\", \"importance\": \"high\"}",
                "{\"content\": \"x\", \"metadata\": [1]}",
                "{\"content\": \"x\", \"metadata\": {\"\": 1}}",
                "{\"content\": \"nul \\u0000 inside\"}",
                "{\"content\": \"x\", \"namespace\": \"" + "n".repeat(200) + "\"}",
                "{\"content\": \"x\", \"id\": \"" + "i".repeat(300) + "\"}",
                "{\"content\": \"x\", \"embed\": \"later\"}",
                "{\"content\": \"x\", \"id\": \"..\"}",
                "{\"memories\": {}}",
                "{\"memories\": []}",
                "{\"memories\": [1]}",
                "{\"memories\": [{\"id\": \"same\", \"content\": \"a\"}, {\"id\": \"same\", \"content\": \"b\"}]}");
        for (String body : bodies) {
            assertFourHundred(server.post("/v1/memories", body), body);
        }
        List<String> searches = List.of(
                "{}",
                "{\"query\": \"\"}",
                "{\"query\": \"x\", \"k\": 0}",
                "{\"query\": \"x\", \"k\": 100000}",
                "{\"query\": \"x\", \"k\": 1.5}",
                "{\"query\": \"x\", \"min_score\": 3}",
                "{\"query\": \"x\", \"mode\": \"magic\"}",
                "{\"query\": \"x\", \"mode\": \"keyword_importance\"}",
                "{\"query\": \"x\", \"spaces\": \"some\"}",
                "{\"query\": \"x\", \"filter\": \"topic = 1\"}",
                "{\"query\": \"x\", \"filter\": {\"$where\": \"1\"}}",
                "{\"query\": \"x\", \"filter\": {\"a\": {\"$regex\": \".*\"}}}",
                "{\"query\": \"x\", \"filter\": {\"a\": {\"$gt\": \"b\"}}}",
                "{\"query\": \"x\", \"filter\": {\"a\": {\"$in\": []}}}",
                "{\"query\": \"x\", \"filter\": {\"$or\": []}}",
                "{\"query\": \"x\", \"weights\": {\"vector\": -1}}",
                "{\"query\": \"x\", \"boosts\": {\"half_life_days\": 0}}",
                "{\"vector\": [1, 2]}",
                "{\"vector\": [\"a\"], \"space\": \"s\"}",
                "{\"query\": \"x\", \"filter\": " + "{\"$not\": ".repeat(20) + "{\"a\": 1}" + "}".repeat(20) + "}");
        for (String body : searches) {
            assertFourHundred(server.post("/v1/memories/search", body), body);
        }
        HttpResponse<String> invalidUtf8 = server.post("/v1/memories", new byte[] {'{', '"', 'c', '"', ':', '"',
                (byte) 0xC3, (byte) 0x28, '"', '}'});
        assertFourHundred(invalidUtf8, "invalid UTF-8");
        HttpResponse<String> notJson = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/memories"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertFourHundred(send("PATCH", "/v1/memories/x", "{}"), "empty patch");
        assertFourHundred(server.get("/v1/memories/" + "i".repeat(300)), "long id");
    }

    @Test
    void hostileStringsAreStoredAndFilteredAsData() {
        String hostile = "x'); DROP TABLE memories; --";
        HttpResponse<String> saved = server.post("/v1/memories", TestServer.JSON.createObjectNode()
                .put("namespace", "hostile").put("id", hostile).put("content", "title:foo AND (bar OR \"")
                .set("metadata", TestServer.JSON.createObjectNode().put(hostile, hostile)).toString());

        String filter = TestServer.JSON.createObjectNode().put(hostile, hostile).toString();
        JsonNode found = TestServer.json(server.post("/v1/memories/search", "{\"namespace\": \"hostile\", "
                + "\"query\": \"title:foo AND (bar OR\", \"mode\": \"hybrid\", \"filter\": " + filter + "}"));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(ids(found)).containsExactly(hostile);
    }

    private static void assertFourHundred(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + " -> " + response.body()).isBetween(400, 499);
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error).as(what + " -> " + response.body()).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank();
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return server.send(request.build());
    }

    private static List<String> ids(JsonNode answer) {
        return java.util.stream.StreamSupport.stream(answer.get("data").spliterator(), false)
                .map(each -> each.get("id").asText()).toList();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode each : array) {
            if (each.get(field).asText().equals(value)) {
                return each;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
