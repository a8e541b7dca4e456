package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.bearer;
import static dev.embedgate.testkit.Http.floats;
import static dev.embedgate.testkit.Http.json;
import static dev.embedgate.testkit.Http.norm;
import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.wire.Base64Floats;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiWireTest {

    private static final String KEY = "sk-test-openai-0123456789abcdefXYZ";
    private static ProviderSimulator simulator;
    private static String url;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(new SimulatorConfig(0, 7, List.of(KEY), Map.of()));
        url = simulator.openAiBaseUrl() + "/embeddings";
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clean() {
        simulator.log().reset();
        simulator.faults(Route.OPENAI, Faults.NONE);
    }

    private static HttpResponse<String> embed(Object body) throws Exception {
        return post(url, body, "Authorization", bearer(KEY));
    }

    @Test
    void answersTheEmbeddingsListShapeWithUsageAndOneVectorPerInput() throws Exception {
        var response = embed(Map.of("model", "text-embedding-3-small", "input", List.of("hello world", "second text")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(body.get("data")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode item = body.get("data").get(i);
            assertThat(item.get("object").asText()).isEqualTo("embedding");
            assertThat(item.get("index").asInt()).isEqualTo(i);
            assertThat(item.get("embedding")).hasSize(1536);
            assertThat(norm(floats(item.get("embedding")))).isCloseTo(1.0, within(1e-5));
        }
        // the simulator's counter: words + 2 per input
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(8);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(8);
    }

    @Test
    void singleStringInputGetsOneVector() throws Exception {
        var response = embed(Map.of("model", "text-embedding-ada-002", "input", "one"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("data")).hasSize(1);
    }

    @Test
    void base64EncodingCarriesTheSameLittleEndianFloats() throws Exception {
        JsonNode asFloats = json(embed(Map.of("model", "text-embedding-3-large", "input", "same text")));
        JsonNode asBase64 = json(embed(Map.of("model", "text-embedding-3-large", "input", "same text",
                "encoding_format", "base64")));

        float[] decoded = Base64Floats.decode(asBase64.at("/data/0/embedding").asText());
        assertThat(decoded).containsExactly(floats(asFloats.at("/data/0/embedding")));
        assertThat(decoded).hasSize(3072);
    }

    @Test
    void dimensionsShortensTextEmbedding3AndRenormalises() throws Exception {
        float[] full = floats(json(embed(Map.of("model", "text-embedding-3-small", "input", "x"))).at("/data/0/embedding"));
        float[] short256 = floats(json(embed(Map.of("model", "text-embedding-3-small", "input", "x",
                "dimensions", 256))).at("/data/0/embedding"));

        assertThat(short256).hasSize(256);
        assertThat(norm(short256)).isCloseTo(1.0, within(1e-5));
        double prefixNorm = norm(java.util.Arrays.copyOf(full, 256));
        for (int i = 0; i < 256; i++) {
            assertThat((double) short256[i]).isCloseTo(full[i] / prefixNorm, within(1e-6));
        }
    }

    @Test
    void dimensionsOnAda002IsA400() throws Exception {
        var response = embed(Map.of("model", "text-embedding-ada-002", "input", "x", "dimensions", 256));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("does not support specifying dimensions");
    }

    @Test
    void missingKeyIs401InOpenAiShape() throws Exception {
        var response = post(url, Map.of("model", "text-embedding-3-small", "input", "x"));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = json(response).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("didn't provide an API key");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
    }

    @Test
    void wrongKeyIs401InvalidApiKeyWithTheKeyMasked() throws Exception {
        String wrong = "sk-wrong-key-abcdefghijklmnopqrstuvwxyz";
        var response = post(url, Map.of("model", "text-embedding-3-small", "input", "x"), "Authorization", bearer(wrong));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("message").asText()).startsWith("Incorrect API key provided: sk-wr***").contains("***yz");
        assertThat(response.body()).doesNotContain(wrong).doesNotContain("abcdefghijklmnop");
    }

    @Test
    void unknownModelIs404ModelNotFound() throws Exception {
        var response = embed(Map.of("model", "all-MiniLM-L6-v2", "input", "x"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("model_not_found");
        assertThat(json(response).at("/error/message").asText()).contains("`all-MiniLM-L6-v2` does not exist");
    }

    @Test
    void moreThan2048InputsIsA400() throws Exception {
        var response = embed(Map.of("model", "text-embedding-3-small", "input", Collections.nCopies(2049, "a")));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json(response).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("2048").contains("2049");
        assertThat(simulator.log().inputCounts(Route.OPENAI)).containsExactly(2049);
        assertThat(simulator.log().statuses(Route.OPENAI)).containsExactly(400);
    }

    @Test
    void exactly2048InputsAreServed() throws Exception {
        var response = embed(Map.of("model", "text-embedding-3-small", "input", Collections.nCopies(2048, "a"),
                "dimensions", 8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("data")).hasSize(2048);
    }

    @Test
    void emptyStringIsA400() throws Exception {
        var response = embed(Map.of("model", "text-embedding-3-small", "input", List.of("fine", "")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("'$.input' is invalid");
    }

    @Test
    void anInputOver8192TokensIsA400() throws Exception {
        String longText = String.join(" ", Collections.nCopies(8191, "w")); // 8191 + 2 tokens
        var response = embed(Map.of("model", "text-embedding-3-small", "input", longText));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/message").asText()).contains("maximum context length is 8192 tokens");
    }

    @Test
    void aRequestOver300000TokensIsA400() throws Exception {
        String text = String.join(" ", Collections.nCopies(8000, "w"));
        var response = embed(Map.of("model", "text-embedding-3-small", "input", Collections.nCopies(38, text)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("max_tokens_per_request");
    }

    @Test
    void tokenIdsGetTheVectorsOfTheTextsTheyDecodeToAndCostTheirCount() throws Exception {
        // cl100k_base: "hello" is [15339], "goodbye" is [19045, 29474]
        var nested = embed(Map.of("model", "text-embedding-3-small", "input", List.of(List.of(15339),
                List.of(19045, 29474))));
        var flat = embed(Map.of("model", "text-embedding-3-small", "input", List.of(19045, 29474)));
        var texts = embed(Map.of("model", "text-embedding-3-small", "input", List.of("hello", "goodbye")));

        assertThat(nested.statusCode()).isEqualTo(200);
        assertThat(json(nested).at("/usage/prompt_tokens").asInt()).isEqualTo(3);
        assertThat(json(flat).at("/usage/prompt_tokens").asInt()).isEqualTo(2);
        assertThat(json(nested).get("data")).isEqualTo(json(texts).get("data"));
        assertThat(json(flat).at("/data/0/embedding")).isEqualTo(json(texts).at("/data/1/embedding"));
        assertThat(simulator.log().tokenIdInputs(Route.OPENAI)).isEqualTo(3);
        assertThat(simulator.log().inputs(Route.OPENAI)).isEqualTo(5);
    }

    @Test
    void tokenIdsThatAreNoCl100kTokensOrEmptyArraysAreA400() throws Exception {
        for (Object input : List.of(List.of(-1), List.of(100256), List.of(List.of(15339), List.of()),
                List.of(List.of(15339), 15339), List.of(1.5))) {
            var response = embed(Map.of("model", "text-embedding-3-small", "input", input));

            assertThat(response.statusCode()).as(input.toString()).isEqualTo(400);
            assertThat(json(response).at("/error/message").asText()).contains("'$.input' is invalid");
        }
    }

    @Test
    void unknownEncodingFormatIsA400() throws Exception {
        var response = embed(Map.of("model", "text-embedding-3-small", "input", "x", "encoding_format", "int8"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/param").asText()).isEqualTo("encoding_format");
    }

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(
                embed(Map.of("model", "text-embedding-3-small", "input", "x")),
                post(url, Map.of("model", "text-embedding-3-small", "input", "x")),
                embed(Map.of("model", "nope", "input", "x")))) {
            for (String header : List.of("x-ratelimit-limit-requests", "x-ratelimit-limit-tokens",
                    "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests",
                    "x-ratelimit-reset-tokens")) {
                assertThat(response.headers().firstValue(header)).as(header + " on " + response.statusCode()).isPresent();
            }
        }
    }
}
