package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.floats;
import static dev.embedgate.testkit.Http.json;
import static dev.embedgate.testkit.Http.norm;
import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OllamaWireTest {

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
    void embedAnswersNormalisedEmbeddingsWithDurationsAndCount() throws Exception {
        var response = post(simulator.ollamaBaseUrl() + "/api/embed",
                Map.of("model", "all-minilm", "input", List.of("Why is the sky blue?", "Why is the grass green?")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("model").asText()).isEqualTo("all-minilm");
        assertThat(body.get("embeddings")).hasSize(2);
        assertThat(body.at("/embeddings/0")).hasSize(384);
        assertThat(norm(floats(body.at("/embeddings/1")))).isCloseTo(1.0, within(1e-5));
        assertThat(body.get("total_duration").asLong()).isPositive();
        assertThat(body.has("load_duration")).isTrue();
        assertThat(body.get("prompt_eval_count").asInt()).isEqualTo(14);
    }

    @Test
    void aStringInputAndTheLatestTagWork() throws Exception {
        var response = post(simulator.ollamaBaseUrl() + "/api/embed",
                Map.of("model", "nomic-embed-text:latest", "input", "hello"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("embeddings")).hasSize(1);
        assertThat(json(response).at("/embeddings/0")).hasSize(768);
    }

    @Test
    void theLegacyEndpointAnswersOneEmbedding() throws Exception {
        var legacy = post(simulator.ollamaBaseUrl() + "/api/embeddings", Map.of("model", "all-minilm", "prompt", "hi"));
        var current = post(simulator.ollamaBaseUrl() + "/api/embed", Map.of("model", "all-minilm", "input", "hi"));

        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(json(legacy).get("embedding")).hasSize(384).isEqualTo(json(current).at("/embeddings/0"));
    }

    @Test
    void anUnknownModelIs404TryPullingItFirst() throws Exception {
        var response = post(simulator.ollamaBaseUrl() + "/api/embed", Map.of("model", "x", "input", "hi"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("model \"x\" not found, try pulling it first");
    }

    @Test
    void truncateFalseRefusesAnOverLongInput() throws Exception {
        String longText = String.join(" ", java.util.Collections.nCopies(400, "word"));
        var response = post(simulator.ollamaBaseUrl() + "/api/embed",
                Map.of("model", "all-minilm", "input", longText, "truncate", false));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("context length");
    }
}
