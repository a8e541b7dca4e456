package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that break HTTP itself, refused by Jetty before any route runs or while the body is read, are answered
 * in OpenAI's error shape as JSON like every other error: never an HTML page, never a 500.
 */
class HttpProtocolErrorsTest {

    private static final String JSON_HEAD = "POST /v1/embeddings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\n";
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

    static Stream<Arguments> brokenRequests() {
        return Stream.of(
                Arguments.of("a chunk size that is not hexadecimal", 400, JSON_HEAD
                        + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n" + BODY + "\r\n0\r\n\r\n"),
                Arguments.of("a chunk longer than its size", 400, JSON_HEAD
                        + "Transfer-Encoding: chunked\r\n\r\n4\r\n" + BODY + "\r\n0\r\n\r\n"),
                Arguments.of("a request line that is not HTTP", 400, "GARBAGE\r\n\r\n"),
                Arguments.of("a URI longer than the header buffer", 414,
                        "GET /health?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
                Arguments.of("an expectation other than 100-continue", 417, JSON_HEAD
                        + "Expect: the-unexpected\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY),
                Arguments.of("headers larger than the header buffer", 431,
                        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"),
                Arguments.of("an HTTP version the server does not speak", 505,
                        "GET /health HTTP/7.1\r\nHost: 127.0.0.1\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenRequests")
    void isAnsweredAsJsonInOpenAiShape(String what, int status, String request) {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), request);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode error = answer.json().get("error");
        assertThat(error).as("OpenAI error shape: %s", answer.body()).isNotNull();
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("code").asText()).isNotBlank();
        assertThat(error.has("param")).isTrue();
    }
}
