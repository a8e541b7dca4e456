package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.bearer;
import static dev.embedgate.testkit.Http.floats;
import static dev.embedgate.testkit.Http.json;
import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.vectors.VectorMath;
import dev.embedgate.testkit.wire.Base64Floats;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CohereWireTest {

    private static final String KEY = "co-test-key-0123456789";
    private static ProviderSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, 1, List.of(KEY), Map.of()));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static HttpResponse<String> embed(Object body) throws Exception {
        return post(simulator.cohereBaseUrl() + "/v2/embed", body, "Authorization", bearer(KEY));
    }

    @Test
    void answersEmbeddingsByTypeWithTextsAndBilledUnits() throws Exception {
        var response = embed(Map.of("model", "embed-english-v3.0", "texts", List.of("hello there", "bye"),
                "input_type", "search_document"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("id").asText()).isNotBlank();
        assertThat(body.at("/embeddings/float")).hasSize(2);
        assertThat(body.at("/embeddings/float/0")).hasSize(1024);
        assertThat(body.get("texts")).hasSize(2);
        assertThat(body.at("/texts/0").asText()).isEqualTo("hello there");
        assertThat(body.at("/meta/api_version/version").asText()).isEqualTo("2");
        assertThat(body.at("/meta/billed_units/input_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void servesFloatAndBase64TogetherWhenAskedForBoth() throws Exception {
        JsonNode body = json(embed(Map.of("model", "embed-english-light-v3.0", "texts", List.of("x"),
                "input_type", "search_query", "embedding_types", List.of("float", "base64"))));

        float[] fromBase64 = Base64Floats.decode(body.at("/embeddings/base64/0").asText());
        assertThat(fromBase64).hasSize(384).containsExactly(floats(body.at("/embeddings/float/0")));
    }

    @Test
    void moreThan96TextsIsA400() throws Exception {
        var response = embed(Map.of("model", "embed-english-v3.0", "texts", Collections.nCopies(97, "a"),
                "input_type", "search_document"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("96");
    }

    @Test
    void missingInputTypeIsA400() throws Exception {
        var response = embed(Map.of("model", "embed-english-v3.0", "texts", List.of("a")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("input_type");
    }

    @Test
    void unsupportedEmbeddingTypesAreA400() throws Exception {
        var response = embed(Map.of("model", "embed-english-v3.0", "texts", List.of("a"),
                "input_type", "search_document", "embedding_types", List.of("int8")));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void missingAndWrongKeysAre401InCoheresShape() throws Exception {
        Map<String, Object> body = Map.of("model", "embed-english-v3.0", "texts", List.of("a"),
                "input_type", "search_document");
        var missing = post(simulator.cohereBaseUrl() + "/v2/embed", body);
        var wrong = post(simulator.cohereBaseUrl() + "/v2/embed", body, "Authorization", bearer("co-wrong-key"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("message").asText()).isEqualTo("no api key supplied");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("message").asText()).isEqualTo("invalid api token");
        assertThat(wrong.body()).doesNotContain("co-wrong-key");
    }

    @Test
    void anUnknownModelIs404() throws Exception {
        var response = embed(Map.of("model", "embed-nothing-v9", "texts", List.of("a"), "input_type", "clustering"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").asText()).contains("embed-nothing-v9");
    }

    @Test
    void embedV4AnswersEachListedOutputDimensionWithUnitVectorsOfItsOwnNotCutsOfTheFullVector() throws Exception {
        float[] full = embedV4("matryoshka", null);
        assertThat(full).hasSize(1536);

        for (int size : new int[] {256, 512, 1024}) {
            float[] shorter = embedV4("matryoshka", size);
            assertThat(shorter).hasSize(size);
            assertThat(Http.norm(shorter)).isCloseTo(1.0, within(1e-5));
            assertThat(shorter).as("not the full vector cut to length").isNotEqualTo(VectorMath.shortened(full, size));
            assertThat(embedV4("matryoshka", size)).as("deterministic").containsExactly(shorter);
        }
    }

    private static float[] embedV4(String text, Integer outputDimension) throws Exception {
        var body = new HashMap<String, Object>(Map.of("model", "embed-v4.0", "texts", List.of(text),
                "input_type", "search_document"));
        if (outputDimension != null) {
            body.put("output_dimension", outputDimension);
        }
        var response = embed(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return floats(json(response).at("/embeddings/float/0"));
    }

    @Test
    void anOutputDimensionTheModelDoesNotListIsRefusedInCoheresWords() throws Exception {
        var response = embed(Map.of("model", "embed-v4.0", "texts", List.of("a"), "input_type", "search_document",
                "output_dimension", 768));
        var v3 = embed(Map.of("model", "embed-english-v3.0", "texts", List.of("a"), "input_type", "search_document",
                "output_dimension", 512));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText())
                .isEqualTo("768 is not a valid output_dimension value for this model, [256 512 1024 1536] is supported");
        assertThat(v3.statusCode()).isEqualTo(400);
        assertThat(json(v3).get("message").asText()).contains("output_dimension");
    }

    @Test
    void servesBgeWithRealVectorsWhateverTheInputType() throws Exception {
        JsonNode query = json(embed(Map.of("model", "BAAI/bge-small-en-v1.5", "texts", List.of("x"),
                "input_type", "search_query")));
        JsonNode document = json(embed(Map.of("model", "BAAI/bge-small-en-v1.5", "texts", List.of("x"),
                "input_type", "search_document")));

        assertThat(query.at("/embeddings/float/0")).hasSize(384).isEqualTo(document.at("/embeddings/float/0"));
    }
}
