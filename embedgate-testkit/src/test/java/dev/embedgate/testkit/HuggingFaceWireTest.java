package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.bearer;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HuggingFaceWireTest {

    private static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2";
    private static final String KEY = "hf_test_token_0123456789";
    private static ProviderSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clean() {
        simulator.faults(Route.HUGGINGFACE, Faults.NONE);
        simulator.log().reset();
    }

    private static String routerUrl(String model) {
        return simulator.huggingFaceBaseUrl() + "/hf-inference/models/" + model + "/pipeline/feature-extraction";
    }

    @Test
    void aStringInputGetsOneFlatVector() throws Exception {
        var response = post(routerUrl(MODEL), Map.of("inputs", "Today is a sunny day"), "Authorization", bearer(KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(384);
        assertThat(body.get(0).isNumber()).isTrue();
        assertThat(norm(floats(body))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void anArrayInputGetsAnArrayOfVectors() throws Exception {
        var response = post(routerUrl(MODEL), Map.of("inputs", List.of("one", "two", "three"), "normalize", true),
                "Authorization", bearer(KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body).hasSize(3);
        body.forEach(vector -> assertThat(vector).hasSize(384));
    }

    @Test
    void theOlderPipelinePathServesTheSameVectors() throws Exception {
        var router = post(routerUrl(MODEL), Map.of("inputs", "same"), "Authorization", bearer(KEY));
        var older = post(simulator.huggingFaceBaseUrl() + "/pipeline/feature-extraction/" + MODEL,
                Map.of("inputs", "same"), "Authorization", bearer(KEY));

        assertThat(older.statusCode()).isEqualTo(200);
        assertThat(older.body()).isEqualTo(router.body());
    }

    @Test
    void missingOrWrongCredentialsAre401WithHuggingFacesBody() throws Exception {
        var missing = post(routerUrl(MODEL), Map.of("inputs", "x"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("error").asText()).isEqualTo("Invalid credentials in Authorization header");
    }

    @Test
    void anUnknownModelIs404() throws Exception {
        var response = post(routerUrl("org/no-such-model"), Map.of("inputs", "x"), "Authorization", bearer(KEY));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).contains("org/no-such-model");
    }

    @Test
    void coldStartAnswers503WithEstimatedTimeUntilLoaded() throws Exception {
        simulator.faults(Route.HUGGINGFACE, Faults.builder().coldStartSeconds(1.5).build());

        var first = post(routerUrl(MODEL), Map.of("inputs", "x"), "Authorization", bearer(KEY));
        assertThat(first.statusCode()).isEqualTo(503);
        JsonNode body = json(first);
        assertThat(body.get("error").asText()).isEqualTo("Model " + MODEL + " is currently loading");
        assertThat(body.get("estimated_time").isNumber()).isTrue();
        assertThat(body.get("estimated_time").asDouble()).isBetween(0.5, 1.5);

        Thread.sleep(1600);
        var later = post(routerUrl(MODEL), Map.of("inputs", "x"), "Authorization", bearer(KEY));
        assertThat(later.statusCode()).isEqualTo(200);
    }

    @Test
    void coldStartWithXWaitForModelWaitsThenAnswers() throws Exception {
        simulator.faults(Route.HUGGINGFACE, Faults.builder().coldStartSeconds(1.0).build());

        long start = System.nanoTime();
        var response = post(routerUrl(MODEL), Map.of("inputs", "x"), "Authorization", bearer(KEY),
                "X-wait-for-model", "true");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(900);
        assertThat(json(response)).hasSize(384);
    }

    @Test
    void scriptedColdStartIsOneShot() throws Exception {
        simulator.faults(Route.HUGGINGFACE, Faults.scripted("cold_start"));

        var first = post(routerUrl(MODEL), Map.of("inputs", "x"), "Authorization", bearer(KEY));
        var second = post(routerUrl(MODEL), Map.of("inputs", "x"), "Authorization", bearer(KEY));

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(json(first).get("estimated_time").asDouble()).isEqualTo(20.0);
        assertThat(second.statusCode()).isEqualTo(200);
    }

    @Test
    void truncateFalseRefusesAnInputLongerThanTheModelReads() throws Exception {
        String longText = String.join(" ", java.util.Collections.nCopies(400, "word"));
        var refused = post(routerUrl(MODEL), Map.of("inputs", longText, "truncate", false), "Authorization", bearer(KEY));
        var cut = post(routerUrl(MODEL), Map.of("inputs", longText), "Authorization", bearer(KEY));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(json(refused).get("error").asText()).contains("256 tokens");
        assertThat(cut.statusCode()).isEqualTo(200);
    }
}
