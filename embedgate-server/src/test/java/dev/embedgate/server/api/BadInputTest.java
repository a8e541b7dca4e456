package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a 4xx in OpenAI's error shape that says what to fix; never a 500. */
class BadInputTest {

    private static final long MAX_REQUEST_BYTES = 64 * 1024;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(MAX_REQUEST_BYTES);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void malformedJsonIsRejected() {
        assertRejected(server.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": [\"a\""),
                400, null, "invalid_json", "not valid JSON");
    }

    @Test
    void jsonAtTheParsersLimitsIsA400NotA500() {
        String deep = "[".repeat(1_001) + "]".repeat(1_001);
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hi\", \"extra\": " + deep),
                400, null, "invalid_json", "exceeds a JSON limit");
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hi\", \"n\": " + "9".repeat(1_001)),
                400, null, "invalid_json", "exceeds a JSON limit");
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hi\", \"" + "k".repeat(50_001) + "\": 1"),
                400, null, "invalid_json", "exceeds a JSON limit");
    }

    @Test
    void anythingAfterTheJsonObjectIsRejected() {
        String one = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hi\"}";
        assertRejected(server.post("/v1/embeddings", one + " garbage"), 400, null, "invalid_json", "not valid JSON");
        assertRejected(server.post("/v1/embeddings", one + one), 400, null, "invalid_json", "not valid JSON");
    }

    @Test
    void emptyBodyIsRejected() {
        assertRejected(server.post("/v1/embeddings", ""), 400, null, "invalid_json", "empty");
        assertRejected(server.post("/v1/embeddings", " \r\n\t "), 400, null, "invalid_json", "empty");
    }

    @Test
    void malformedJsonSaysWhereAndAStrayNulIsA400() {
        String plain = "{\"model\": \"all-MiniLM-L6-v2\",\n \"input\": hi}";
        assertRejected(server.post("/v1/embeddings", plain), 400, null, "invalid_json", "at line 2, column");
        assertRejected(server.post("/v1/embeddings", "{\"model\": \"caf\u00e9\",\n \"input\": hi}"), 400, null,
                "invalid_json", "at line 2, column");
        assertRejected(server.post("/v1/embeddings", "\u0000{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hi\"}"),
                400, null, "invalid_json", "not valid JSON");
    }

    @Test
    void bodyThatIsNotAnObjectIsRejected() {
        assertRejected(server.post("/v1/embeddings", "[\"hello\"]"), 400, null, "invalid_json", "JSON object");
    }

    @Test
    void missingModelIsRejected() {
        assertRejected(server.post("/v1/embeddings", "{\"input\": \"hello\"}"), 400, "model", "missing_field", "'model'");
    }

    @Test
    void modelOfWrongTypeIsRejected() {
        assertRejected(server.post("/v1/embeddings", "{\"model\": 42, \"input\": \"hello\"}"),
                400, "model", "invalid_type", "must be a string");
    }

    @Test
    void missingInputIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\""), 400, "input", "missing_field", "'input' is required");
    }

    @Test
    void inputOfWrongTypeIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": {\"text\": \"hello\"}"),
                400, "input", "invalid_type", "a string or an array of strings");
    }

    @Test
    void nonStringItemInInputArrayIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": [\"ok\", true]"),
                400, "input[1]", "invalid_type", "input[1] must be a string");
    }

    @Test
    void emptyStringIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": [\"ok\", \"\"]"),
                400, "input[1]", "empty_input", "empty string");
    }

    @Test
    void emptyArrayIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": []"), 400, "input", "empty_input", "at least one");
    }

    @Test
    void moreThan2048InputsAreRejected() {
        String inputs = String.join(",", Collections.nCopies(2049, "\"a\""));
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": [" + inputs + "]"),
                400, "input", "too_many_inputs", "at most 2048");
    }

    @Test
    void unknownModelIsRejectedWithTheConfiguredModels() {
        assertRejected(embed("\"model\": \"text-embedding-4-huge\", \"input\": \"hello\""),
                404, "model", "model_not_found", "sentence-transformers/all-MiniLM-L6-v2");
    }

    @Test
    void unknownEncodingFormatIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hello\", \"encoding_format\": \"int8\""),
                400, "encoding_format", "invalid_value", "'float' or 'base64'");
    }

    @Test
    void dimensionsTheModelCannotShortenToAreRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hello\", \"dimensions\": 128"),
                400, "dimensions", "unsupported_dimensions", "384");
    }

    @Test
    void absurdDimensionsAreRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hello\", \"dimensions\": -5"),
                400, "dimensions", "invalid_type", "positive integer");
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hello\", \"dimensions\": 1e40"),
                400, "dimensions", "invalid_type", "positive integer");
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hello\", \"dimensions\": 2147483648"),
                400, "dimensions", "unsupported_dimensions", "2147483648");
    }

    @Test
    void unknownInputTypeIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hello\", \"input_type\": \"passage\""),
                400, "input_type", "invalid_value", "'query' or 'document'");
    }

    @Test
    void truncateOfWrongTypeIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hello\", \"truncate\": \"no\""),
                400, "truncate", "invalid_type", "true or false");
    }

    @Test
    void anythingButACl100kTokenIdAmongTokenIdsIsRejectedNamingTheInput() {
        assertRejected(tokens("[[27317, -1]]"), 400, "input[0]", "invalid_token_id", "holds -1 at position 1");
        assertRejected(tokens("[[27317], [100256]]"), 400, "input[1]", "invalid_token_id", "100256");
        assertRejected(tokens("[100277]"), 400, "input[0]", "invalid_token_id", "100277 at position 0");
        assertRejected(tokens("[[13, 1.5]]"), 400, "input[0]", "invalid_token_id", "1.5 at position 1");
        assertRejected(tokens("[[99999999999999999999]]"), 400, "input[0]", "invalid_token_id", "99999999999999999999");
        assertRejected(tokens("[[13, \"a\"]]"), 400, "input[0]", "invalid_token_id", "not a token id of cl100k_base");
        assertRejected(tokens("[13, [14]]"), 400, "input[0]", "invalid_token_id", "[14] at position 1");
    }

    @Test
    void emptyArraysOfTokenIdsAreRejected() {
        assertRejected(tokens("[[]]"), 400, "input[0]", "empty_input", "at least one token id");
        assertRejected(tokens("[[13], []]"), 400, "input[1]", "empty_input", "at least one token id");
    }

    @Test
    void mixingFormsOfInputIsRejectedNamingTheFirstItemOfAnotherForm() {
        assertRejected(tokens("[\"text\", [13]]"), 400, "input[1]", "mixed_input_forms", "input[0] is a string");
        assertRejected(tokens("[\"text\", 13]"), 400, "input[1]", "mixed_input_forms", "one form");
        assertRejected(tokens("[[13], \"text\"]"), 400, "input[1]", "mixed_input_forms", "array of token ids");
        assertRejected(tokens("[[13], 14]"), 400, "input[1]", "mixed_input_forms", "array of token ids");
    }

    @Test
    void tokenIdInputsKeepThePerRequestLimits() {
        String tooLong = String.join(",", Collections.nCopies(8193, "13"));
        assertRejected(tokens("[[" + tooLong + "]]"), 400, "input[0]", "input_too_long", "at most 8192");
        assertRejected(tokens("[" + String.join(",", Collections.nCopies(2049, "[13]")) + "]"),
                400, "input", "too_many_inputs", "at most 2048");
    }

    @Test
    void bodyOverTheSizeLimitIsRejected() {
        String big = "x".repeat((int) MAX_REQUEST_BYTES);
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": \"" + big + "\""),
                413, null, "request_too_large", String.valueOf(MAX_REQUEST_BYTES));
    }

    @Test
    void chunkedBodyOverTheSizeLimitIsRejectedWithoutContentLength() {
        byte[] big = ("{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"" + "x".repeat((int) MAX_REQUEST_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        assertRejected(server.send(request), 413, null, "request_too_large", "larger than");
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] head = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"caf".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 3];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3; // a lead byte without its continuation
        body[head.length + 1] = '"';
        body[head.length + 2] = '}';
        assertRejected(server.post("/v1/embeddings", body), 400, null, "invalid_encoding", "UTF-8");
    }

    @Test
    void unpairedSurrogateEscapeIsRejected() {
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": [\"ok\", \"bad \\ud800 text\"]"),
                400, "input[1]", "invalid_unicode", "unpaired");
    }

    @Test
    void overLongInputIsRejectedWhenTruncationIsOff() {
        String longText = "word ".repeat(400);
        assertRejected(embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": [\"short\", \"" + longText + "\"], \"truncate\": false"),
                400, "input[1]", "input_too_long", "256 tokens");
    }

    @Test
    void unknownRouteIsAnsweredInOpenAiShape() {
        assertRejected(server.get("/v1/completions"), 404, null, "not_found", "POST /v1/embeddings");
    }

    @Test
    void wrongMethodIsAnsweredInOpenAiShape() {
        assertRejected(server.get("/v1/embeddings"), 405, null, "method_not_allowed", "GET");
    }

    private static HttpResponse<String> tokens(String input) {
        return embed("\"model\": \"all-MiniLM-L6-v2\", \"input\": " + input);
    }

    private static HttpResponse<String> embed(String fields) {
        return server.post("/v1/embeddings", "{" + fields + "}");
    }

    private static void assertRejected(HttpResponse<String> response, int status, String param, String code,
                                       String messageHint) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error).as("OpenAI error shape: %s", response.body()).isNotNull();
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("param").isNull() ? null : error.get("param").asText()).isEqualTo(param);
        assertThat(error.get("message").asText()).contains(messageHint);
    }
}
