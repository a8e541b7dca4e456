package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /v1/embeddings} takes JSON declared as JSON. What a web page may send to any origin without a CORS
 * preflight (text, forms, no type at all) is refused before the body is read, so a page cannot spend the budget.
 */
class ContentTypeTest {

    private static final String BODY = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hi\"}";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "text/json", "application/jsonx",
            "application/json; charset=iso-8859-1"})
    void bodyNotDeclaredAsUtf8JsonIsRefusedWith415(String contentType) {
        assertUnsupported(server.send(embeddings().header("Content-Type", contentType).build()));
    }

    @Test
    void bodyWithoutContentTypeIsRefusedWith415() {
        assertUnsupported(server.send(embeddings().build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;Charset=\"UTF-8\"",
            "application/vnd.embedgate+json"})
    void jsonMediaTypesAreServed(String contentType) {
        HttpResponse<String> response = server.send(embeddings().header("Content-Type", contentType).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpRequest.Builder embeddings() {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
    }

    private static void assertUnsupported(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = TestServer.json(response).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(error.get("message").asText()).contains("Content-Type: application/json");
    }
}
