package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.json;
import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TeiWireTest {

    private static ProviderSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void embedAnswersAnArrayOfVectorsWithoutAuth() throws Exception {
        var single = post(simulator.teiBaseUrl() + "/embed", Map.of("inputs", "What is Deep Learning?"));
        var batch = post(simulator.teiBaseUrl() + "/embed", Map.of("inputs", List.of("a", "b"), "normalize", true));

        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(json(single)).hasSize(1);
        assertThat(json(single).get(0)).hasSize(384);
        assertThat(json(batch)).hasSize(2);
    }

    @Test
    void moreThan32InputsIs413Validation() throws Exception {
        var response = post(simulator.teiBaseUrl() + "/embed", Map.of("inputs", Collections.nCopies(33, "a")));

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode body = json(response);
        assertThat(body.get("error_type").asText()).isEqualTo("Validation");
        assertThat(body.get("error").asText()).startsWith("Input validation error: ").contains("33").contains("32");
    }

    @Test
    void anOverLongInputIs413UnlessTruncateIsTrue() throws Exception {
        String longText = String.join(" ", Collections.nCopies(400, "word"));
        var refused = post(simulator.teiBaseUrl() + "/embed", Map.of("inputs", longText));
        var cut = post(simulator.teiBaseUrl() + "/embed", Map.of("inputs", longText, "truncate", true));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(json(refused).get("error").asText()).startsWith("Input validation error: ");
        assertThat(json(refused).get("error_type").asText()).isEqualTo("Validation");
        assertThat(cut.statusCode()).isEqualTo(200);
    }

    @Test
    void missingInputsIs422() throws Exception {
        var response = post(simulator.teiBaseUrl() + "/embed", Map.of("text", "x"));

        assertThat(response.statusCode()).isEqualTo(422);
    }

    @Test
    void theOpenAiCompatibleRouteAnswersOpenAisShapeWithTheSameVectors() throws Exception {
        var compatible = post(simulator.teiBaseUrl() + "/v1/embeddings", Map.of("input", List.of("a", "b"),
                "model", "anything"));
        var nativeAnswer = post(simulator.teiBaseUrl() + "/embed", Map.of("inputs", List.of("a", "b")));

        assertThat(compatible.statusCode()).isEqualTo(200);
        JsonNode body = json(compatible);
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("sentence-transformers/all-MiniLM-L6-v2");
        assertThat(body.get("data")).hasSize(2);
        assertThat(body.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(6);
        assertThat(body.at("/data/0/embedding")).isEqualTo(json(nativeAnswer).get(0));
    }

    @Test
    void theOpenAiCompatibleRouteWordsErrorsInTeisCompatibleShape() throws Exception {
        var response = post(simulator.teiBaseUrl() + "/v1/embeddings", Map.of("input", Collections.nCopies(40, "a")));

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode body = json(response);
        assertThat(body.get("type").asText()).isEqualTo("Validation");
        assertThat(body.get("code").asInt()).isEqualTo(413);
        assertThat(body.get("message").asText()).contains("batch size 40");
    }
}
