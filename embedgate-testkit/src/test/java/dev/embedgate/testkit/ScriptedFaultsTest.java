package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.bearer;
import static dev.embedgate.testkit.Http.json;
import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.wire.Base64Floats;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each one-shot fault, seen by a raw client as it would see it from a real, misbehaving provider. */
class ScriptedFaultsTest {

    private static final Map<String, Object> REQUEST = Map.of("model", "text-embedding-3-small",
            "input", List.of("first", "second", "third"));
    private static ProviderSimulator simulator;
    private static String url;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults());
        url = simulator.openAiBaseUrl() + "/embeddings";
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clean() {
        simulator.log().reset();
    }

    private static HttpResponse<String> call() throws Exception {
        return call(REQUEST);
    }

    private static HttpResponse<String> call(Object body) throws Exception {
        return post(url, body, "Authorization", bearer("sk-anything"));
    }

    @Test
    void scriptedStatusesComeInOrderThenNormalAnswers() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("status:500", "status:503", "status:502"));

        var first = call();
        var second = call();
        var third = call();
        var fourth = call();

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(json(first).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).isEqualTo(502);
        assertThat(third.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).contains("html"));
        assertThat(fourth.statusCode()).isEqualTo(200);
        assertThat(simulator.log().statuses(Route.OPENAI)).containsExactly(500, 503, 502, 200);
    }

    @Test
    void scripted429CarriesRetryAfterAndRetryAfterMs() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("status:429:2"));

        var response = call();

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("2000");
        assertThat(json(response).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void resetDropsTheConnectionWithoutAnAnswer() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("reset"));

        assertThatThrownBy(ScriptedFaultsTest::call).isInstanceOf(IOException.class);
        assertThat(call().statusCode()).isEqualTo(200);
        assertThat(simulator.log().statuses(Route.OPENAI)).containsExactly(RequestLog.NO_RESPONSE, 200);
    }

    @Test
    void hangOutlastsTheClientTimeout() throws Exception {
        simulator.faults(Route.OPENAI, Faults.builder().hangMillis(3000).script("hang").build());

        long start = System.nanoTime();
        assertThatThrownBy(() -> post(url, REQUEST, Duration.ofMillis(400), "Authorization", bearer("sk-x")))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(300L, 2500L);
    }

    @Test
    void malformedIsA200ThatIsNotJson() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("malformed"));

        var response = call();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Http.JSON.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void nanIsWrittenAsTheBareNanToken() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("nan"));

        var response = call();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("[NaN,");
        assertThatThrownBy(() -> Http.JSON.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
        JsonNode lenient = Http.LENIENT.readTree(response.body());
        assertThat(lenient.at("/data/0/embedding/0").doubleValue()).isNaN();
        assertThat(lenient.at("/data/1/embedding/0").doubleValue()).isFinite();
    }

    @Test
    void nanInBase64IsAnEncodedNanFloat() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("nan"));

        var response = call(Map.of("model", "text-embedding-3-small", "input", "x", "encoding_format", "base64"));

        float[] vector = Base64Floats.decode(json(response).at("/data/0/embedding").asText());
        assertThat(vector[0]).isNaN();
    }

    @Test
    void wrongDimensionsHalvesEveryVector() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("wrong_dimensions"));

        JsonNode body = json(call());

        body.get("data").forEach(item -> assertThat(item.get("embedding")).hasSize(768));
    }

    @Test
    void wrongCountAnswersOneVectorFewerThanInputs() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("wrong_count"));

        JsonNode body = json(call());

        assertThat(body.get("data")).hasSize(2);
    }

    @Test
    void okStepsAndFaultsInterleaveAsScripted() throws Exception {
        simulator.faults(Route.OPENAI, Faults.scripted("ok", "wrong_count", "ok"));

        assertThat(json(call()).get("data")).hasSize(3);
        assertThat(json(call()).get("data")).hasSize(2);
        assertThat(json(call()).get("data")).hasSize(3);
        assertThat(json(call()).get("data")).hasSize(3);
    }

    @Test
    void faultsOnOtherRoutesSpeakTheirOwnErrorShapes() throws Exception {
        simulator.faults(Route.OLLAMA, Faults.scripted("status:500", "wrong_count"));
        String ollama = simulator.ollamaBaseUrl() + "/api/embed";

        var failed = post(ollama, Map.of("model", "nomic-embed-text", "input", List.of("a", "b")));
        var short1 = post(ollama, Map.of("model", "nomic-embed-text", "input", List.of("a", "b")));

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed).get("error").isTextual()).isTrue();
        assertThat(json(short1).get("embeddings")).hasSize(1);
        simulator.faults(Route.OLLAMA, Faults.NONE);
    }

    @Test
    void unknownScriptStepsAreRefusedWithTheValidForms() {
        assertThatThrownBy(() -> Faults.scripted("explode"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("explode").hasMessageContaining("wrong_count");
    }
}
