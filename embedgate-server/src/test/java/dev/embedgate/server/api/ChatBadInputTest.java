package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/chat/completions} refuses what it cannot honour with a 400 naming the field, before any model is
 * looked up or called; and a gateway without chat models says so.
 */
class ChatBadInputTest {

    private static final String MESSAGES = "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]";

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
    void fieldsEmbedGateCannotHonourAreRefusedByName() {
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"tools\": [{\"type\": \"function\"}]}", "tools");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"response_format\": {\"type\": \"json_object\"}}",
                "response_format");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"logprobs\": true}", "logprobs");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"n\": 2}", "n");
        assertRefused("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", "
                + "\"image_url\": {\"url\": \"http://x\"}}]}]}", "messages[0].content[0]");
        assertRefused("{\"model\": \"m\", \"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}", "messages[0].role");
        assertRefused("{\"model\": \"m\", \"messages\": [{\"role\": \"assistant\", \"content\": \"x\", "
                + "\"tool_calls\": []}]}", "messages[0].tool_calls");
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() {
        assertRefused("{" + MESSAGES + "}", "model");
        assertRefused("{\"model\": \"m\"}", "messages");
        assertRefused("{\"model\": \"m\", \"messages\": []}", "messages");
        assertRefused("{\"model\": \"m\", \"messages\": [\"hi\"]}", "messages[0]");
        assertRefused("{\"model\": \"m\", \"messages\": [{\"role\": \"user\"}]}", "messages[0].content");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"temperature\": 3}", "temperature");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"top_p\": 0}", "top_p");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"max_tokens\": 0}", "max_tokens");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"max_tokens\": 5, \"max_completion_tokens\": 6}",
                "max_completion_tokens");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"stop\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", "stop");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"stream\": \"yes\"}", "stream");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"stream_options\": {\"include_usage\": true}}",
                "stream_options");
        assertRefused("{\"model\": \"m\", " + MESSAGES + ", \"stream\": true, \"stream_options\": {\"x\": 1}}", "x");
    }

    @Test
    void anIntegerBeyondItsRangeIsSaidToBeSoNotToBeOfTheWrongType() {
        HttpResponse<String> response = server.post("/v1/chat/completions", "{\"model\": \"m\", " + MESSAGES
                + ", \"max_tokens\": 2147483648}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error.get("param").asText()).isEqualTo("max_tokens");
        assertThat(error.get("code").asText()).isEqualTo("invalid_value");
        assertThat(error.get("message").asText()).contains("2147483648").contains("range").doesNotContain("not a number");
    }

    @Test
    void aGatewayWithoutChatModelsSaysSo() {
        HttpResponse<String> response = server.post("/v1/chat/completions", "{\"model\": \"gpt-4o-mini\", " + MESSAGES
                + ", \"stream\": true}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(error.get("message").asText()).contains("no chat model is configured");
    }

    @Test
    void nullFieldsCountAsAbsentAsOpenAisSdksSendThem() {
        HttpResponse<String> response = server.post("/v1/chat/completions", "{\"model\": \"gpt-4o-mini\", " + MESSAGES
                + ", \"tools\": null, \"temperature\": null, \"stream_options\": null}");

        assertThat(response.statusCode()).as("got past parsing to the model lookup").isEqualTo(404);
    }

    private static void assertRefused(String body, String param) {
        HttpResponse<String> response = server.post("/v1/chat/completions", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(TestServer.json(response).get("error").get("param").asText()).as(body).isEqualTo(param);
    }
}
