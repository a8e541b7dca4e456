package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.keys.KeyScope;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys on with nothing but the switch ({@code serve --auth}, {@code EMBEDGATE_AUTH=true}): the probes stay open, and
 * every 401 tells the client how to authenticate ({@code WWW-Authenticate: Bearer}).
 */
class AuthChallengeTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(new GatewayConfig(new GatewayConfig.Server("127.0.0.1", 0, null), null, null)
                .withAuthRequired(), Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRefusalForWantOfAValidKeyCarriesTheBearerChallenge() {
        String body = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"x\"}";
        List<HttpResponse<String>> refusals = List.of(
                server.post("/v1/embeddings", body),
                server.get("/v1/models"),
                server.get("/status"),
                server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/cache")).DELETE().build()),
                server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer egk_not-a-key")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build()),
                server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/models"))
                        .header("Authorization", "Basic dXNlcjpwYXNz").build()));

        assertThat(refusals).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.uri() + ": " + answer.body()).isEqualTo(401);
            assertThat(answer.headers().allValues("WWW-Authenticate")).as(answer.uri().toString())
                    .containsExactly("Bearer");
            assertThat(TestServer.json(answer).at("/error/type").asText()).isEqualTo("invalid_request_error");
        });
    }

    @Test
    void healthReadinessAndMetricsAnswerWithoutAKeyByDefault() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (server.get("/ready").statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(100); // the default model is still loading
        }
        for (String probe : List.of("/health", "/ready", "/metrics")) {
            HttpResponse<String> answer = server.get(probe);

            assertThat(answer.statusCode()).as(probe + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(probe).isEmpty();
        }
    }

    @Test
    void aTenantKeyAtAnOperatorsRouteIsForbiddenNotChallenged() {
        String tenant = server.gateway().keys().create("team", KeyScope.TENANT, Set.of(), null, null, null).secret();

        HttpResponse<String> answer = server.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/status"))
                .header("Authorization", "Bearer " + tenant).build());

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
    }
}
