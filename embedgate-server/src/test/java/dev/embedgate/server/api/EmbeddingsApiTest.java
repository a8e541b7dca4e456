package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/embeddings}, {@code /v1/models}, {@code /health} and {@code /ready} on the embedded default. */
class EmbeddingsApiTest {

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
    void answersInOpenAiShapeWithVectorsInInputOrder() {
        HttpResponse<String> response = server.post("/v1/embeddings",
                "{\"model\": \"all-MiniLM-L6-v2\", \"input\": [\"first text\", \"second text\", \"third\"], \"user\": \"u1\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(body.get("data")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode item = body.get("data").get(i);
            assertThat(item.get("object").asText()).isEqualTo("embedding");
            assertThat(item.get("index").asInt()).isEqualTo(i);
            assertThat(item.get("embedding")).hasSize(384);
        }
        long tokens = body.get("usage").get("prompt_tokens").asLong();
        assertThat(tokens).isEqualTo(4 + 4 + 3); // [CLS] first text [SEP], [CLS] second text [SEP], [CLS] third [SEP]
        assertThat(body.get("usage").get("total_tokens").asLong()).isEqualTo(tokens);

        float[] second = TestServer.floats(body.get("data").get(1).get("embedding"));
        JsonNode alone = TestServer.json(server.post("/v1/embeddings",
                "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"second text\"}"));
        float[] secondAlone = TestServer.floats(alone.get("data").get(0).get("embedding"));
        for (int d = 0; d < 384; d++) {
            assertThat(second[d]).isCloseTo(secondAlone[d], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void echoesTheModelNameAsSentAndNamesTheResolvedModelInAHeader() {
        HttpResponse<String> response = server.post("/v1/embeddings",
                "{\"model\": \"BGE-small-en-v1.5\", \"input\": \"an echo\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(response).get("model").asText()).isEqualTo("BGE-small-en-v1.5");
        assertThat(response.headers().firstValue("X-EmbedGate-Model")).hasValue("BAAI/bge-small-en-v1.5");
    }

    @Test
    void saysWhichSpaceAndProviderServed() {
        HttpResponse<String> response = server.post("/v1/embeddings", "{\"model\": \"bge-small-en-v1.5\", \"input\": \"hi\"}");

        assertThat(response.headers().firstValue("X-EmbedGate-Space")).hasValueSatisfying(space -> assertThat(space)
                .startsWith("BAAI/bge-small-en-v1.5@xenova-onnx-fp32;dim=384;pool=cls;norm=l2;max=512;prefix="));
        assertThat(response.headers().firstValue("X-EmbedGate-Provider")).hasValue("local/BAAI/bge-small-en-v1.5");
    }

    @Test
    void base64IsLittleEndianFloat32OfTheSameVector() {
        String text = "\"input\": \"The quick brown fox jumps over the lazy dog\"";
        JsonNode floats = TestServer.json(server.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", " + text + "}"));
        JsonNode base64 = TestServer.json(server.post("/v1/embeddings",
                "{\"model\": \"all-MiniLM-L6-v2\", \"encoding_format\": \"base64\", " + text + "}"));

        byte[] bytes = Base64.getDecoder().decode(base64.get("data").get(0).get("embedding").asText());
        assertThat(bytes).hasSize(384 * 4);
        float[] decoded = new float[384];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(decoded);
        assertThat(decoded).containsExactly(TestServer.floats(floats.get("data").get(0).get("embedding")));
    }

    @Test
    void queryInputTypeAppliesTheModelsQueryInstruction() {
        String text = "how do I install a debian package";
        float[] query = vector("{\"model\": \"bge-small-en-v1.5\", \"input\": \"" + text + "\", \"input_type\": \"query\"}");
        float[] document = vector("{\"model\": \"bge-small-en-v1.5\", \"input\": \"" + text + "\"}");
        float[] instructed = vector("{\"model\": \"bge-small-en-v1.5\", \"input\": "
                + "\"Represent this sentence for searching relevant passages: " + text + "\"}");

        assertThat(query).isNotEqualTo(document);
        for (int d = 0; d < query.length; d++) {
            assertThat(query[d]).isCloseTo(instructed[d], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void dimensionsEqualToTheModelsAreAccepted() {
        assertThat(vector("{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hi\", \"dimensions\": 384}")).hasSize(384);
    }

    @Test
    void overLongInputIsTruncatedAndReported() {
        String longText = "word ".repeat(400);
        HttpResponse<String> response = server.post("/v1/embeddings",
                "{\"model\": \"all-MiniLM-L6-v2\", \"input\": [\"short\", \"" + longText + "\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-EmbedGate-Truncated-Inputs")).hasValue("1");
        assertThat(TestServer.json(response).get("usage").get("prompt_tokens").asLong()).isEqualTo(3 + 256);
    }

    @Test
    void modelsAreListedInOpenAiShape() {
        JsonNode body = TestServer.json(server.get("/v1/models"));

        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data").findValuesAsText("id")).containsExactly(
                "sentence-transformers/all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2-int8",
                "BAAI/bge-small-en-v1.5", "BAAI/bge-small-en-v1.5-int8", "local-cosine");
        JsonNode first = body.get("data").get(0);
        assertThat(first.get("object").asText()).isEqualTo("model");
        assertThat(first.get("capabilities").get(0).asText()).isEqualTo("embedding");
        assertThat(first.get("owned_by").asText()).isEqualTo("embedgate");
        assertThat(first.get("dimensions").asInt()).isEqualTo(384);
    }

    @Test
    void oneModelIsFoundByItsFullNameWithItsSlashOrByAnAlias() {
        JsonNode listed = TestServer.json(server.get("/v1/models")).get("data").get(2);

        for (String path : List.of("BAAI/bge-small-en-v1.5", "BAAI%2Fbge-small-en-v1.5", "bge-small-en-v1.5")) {
            HttpResponse<String> response = server.get("/v1/models/" + path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            assertThat(TestServer.json(response)).as(path).isEqualTo(listed);
        }
    }

    @Test
    void anUnknownModelIsA404InOpenAiShape() {
        for (String path : List.of("text-embedding-4-huge", "BAAI/bge-huge")) {
            HttpResponse<String> response = server.get("/v1/models/" + path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            JsonNode error = TestServer.json(response).get("error");
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("model_not_found");
            assertThat(error.get("param").asText()).isEqualTo("model");
            assertThat(error.get("message").asText()).contains(path).contains("BAAI/bge-small-en-v1.5");
        }
    }

    @Test
    void healthIsAliveAndReadyOnceTheDefaultModelIsLoaded() throws InterruptedException {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> ready = server.get("/ready");
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            assertThat(ready.statusCode()).isEqualTo(503);
            Thread.sleep(100);
            ready = server.get("/ready");
        }
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(ready).get("status").asText()).isEqualTo("ready");
    }

    private static float[] vector(String body) {
        HttpResponse<String> response = server.post("/v1/embeddings", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestServer.floats(TestServer.json(response).get("data").get(0).get("embedding"));
    }
}
