package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CORS is off unless {@code server.cors.allowedOrigins} lists origins; then it is on for those origins only. */
class CorsTest {

    private static final String ALLOWED = "https://app.example.com";
    private static final String OTHER = "https://evil.example";
    private static final String BODY = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hi\"}";

    @TempDir
    Path dir;

    @Test
    void offByDefaultNoPreflightIsAnsweredAndNoAnswerCarriesCorsHeaders() throws IOException {
        try (var server = new TestServer(config(""))) {
            HttpResponse<String> preflight = server.send(preflight(server, ALLOWED));
            HttpResponse<String> post = server.send(post(server, ALLOWED).build());

            assertThat(preflight.statusCode()).as("not answered").isGreaterThanOrEqualTo(400);
            assertNoCorsHeaders(preflight.headers());
            assertThat(post.statusCode()).isEqualTo(200);
            assertNoCorsHeaders(post.headers());
        }
    }

    @Test
    void listedOriginGetsItsPreflightAnsweredAndItsAnswersReadable() throws IOException {
        try (var server = new TestServer(config("  cors:\n    allowedOrigins: [\"" + ALLOWED + "\"]\n"))) {
            HttpResponse<String> preflight = server.send(preflight(server, ALLOWED));
            HttpResponse<String> post = server.send(post(server, ALLOWED).build());

            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                    methods -> assertThat(methods).contains("POST"));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                    headers -> assertThat(headers.toLowerCase()).contains("content-type").contains("authorization"));
            assertThat(preflight.headers().allValues("Vary")).anySatisfy(vary -> assertThat(vary).contains("Origin"));
            assertThat(post.statusCode()).isEqualTo(200);
            assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
            assertThat(post.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                    exposed -> assertThat(exposed).contains("X-EmbedGate-Cache").contains("X-EmbedGate-Model")
                            .contains("Retry-After").contains("X-EmbedGate-Stale").contains("X-EmbedGate-Stale-Inputs"));
        }
    }

    @Test
    void originNotListedGetsNoCorsHeaders() throws IOException {
        try (var server = new TestServer(config("  cors:\n    allowedOrigins: [\"" + ALLOWED + "\"]\n"))) {
            HttpResponse<String> preflight = server.send(preflight(server, OTHER));
            HttpResponse<String> post = server.send(post(server, OTHER).build());

            assertThat(preflight.statusCode()).as("not answered").isGreaterThanOrEqualTo(400);
            assertNoCorsHeaders(preflight.headers());
            assertNoCorsHeaders(post.headers());
        }
    }

    @Test
    void preflightNeedsNoApiKeyButTheRequestItAnnouncesDoes() throws IOException {
        try (var server = new TestServer(config("  cors:\n    allowedOrigins: [\"" + ALLOWED + "\"]\n"
                + "auth:\n  enabled: true\n"))) {
            HttpResponse<String> preflight = server.send(preflight(server, ALLOWED));
            HttpResponse<String> post = server.send(post(server, ALLOWED).build());

            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(post.statusCode()).isEqualTo(401);
            assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).as("the page may read the error")
                    .hasValue(ALLOWED);
        }
    }

    private GatewayConfig config(String serverYaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"),
                "server:\n  host: 127.0.0.1\n  port: 0\n" + serverYaml));
    }

    private static HttpRequest preflight(TestServer server, String origin) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
    }

    private static HttpRequest.Builder post(TestServer server, String origin) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                .header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
    }

    private static void assertNoCorsHeaders(HttpHeaders headers) {
        assertThat(headers.map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }
}
