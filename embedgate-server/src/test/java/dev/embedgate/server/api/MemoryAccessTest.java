package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.keys.KeyScope;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory API under gateway API keys: a key limited to namespaces reaches only those (403 elsewhere, before
 * anything is read or written) and sees only their counts; a key's own rate limit applies; and a spent budget never
 * makes a save fail: the memory is kept pending.
 */
class MemoryAccessTest {

    private static final Map<String, String> ENV = Map.of("SIM_KEY", "sk-memory-access-0123456789");
    private static ProviderSimulator simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSimulator() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void aKeyLimitedToNamespacesReachesOnlyThose() throws IOException {
        try (var server = new TestServer(config("auth: {enabled: true}\n"), ENV)) {
            String teamA = server.gateway().keys().create("team-a", KeyScope.TENANT, Set.of(), Set.of("team-a"), null,
                    null, null).secret();
            String everyone = server.gateway().keys().create("all", KeyScope.TENANT, Set.of(), null, null, null)
                    .secret();
            assertThat(send(server, teamA, "POST", "/v1/memories",
                    "{\"namespace\": \"team-a\", \"id\": \"mine\", \"content\": \"ours\"}").statusCode()).isEqualTo(200);
            assertThat(send(server, everyone, "POST", "/v1/memories",
                    "{\"namespace\": \"team-b\", \"id\": \"theirs\", \"content\": \"not yours\"}").statusCode())
                    .isEqualTo(200);

            var refused = new java.util.ArrayList<HttpResponse<String>>();
            refused.add(send(server, teamA, "POST", "/v1/memories",
                    "{\"namespace\": \"team-b\", \"content\": \"sneaky\"}"));
            refused.add(send(server, teamA, "POST", "/v1/memories",
                    "{\"memories\": [{\"namespace\": \"team-a\", \"content\": \"ok\"}, {\"content\": \"default\"}]}"));
            refused.add(send(server, teamA, "GET", "/v1/memories/theirs?namespace=team-b", null));
            refused.add(send(server, teamA, "PATCH", "/v1/memories/theirs?namespace=team-b", "{\"importance\": 1}"));
            refused.add(send(server, teamA, "DELETE", "/v1/memories/theirs?namespace=team-b", null));
            refused.add(send(server, teamA, "POST", "/v1/memories/delete",
                    "{\"namespace\": \"team-b\", \"filter\": {\"a\": 1}}"));
            refused.add(send(server, teamA, "POST", "/v1/memories/search", "{\"namespace\": \"team-b\", \"query\": \"x\"}"));
            JsonNode spaces = TestServer.json(send(server, teamA, "GET", "/v1/spaces", null));

            assertThat(refused).allSatisfy(response -> {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
                assertThat(TestServer.json(response).at("/error/code").asText()).isEqualTo("namespace_not_allowed");
            });
            assertThat(send(server, everyone, "GET", "/v1/memories/theirs?namespace=team-b", null).statusCode())
                    .as("nothing was deleted or changed").isEqualTo(200);
            assertThat(send(server, teamA, "GET", "/v1/memories/mine?namespace=team-a", null).statusCode())
                    .isEqualTo(200);
            assertThat(spaces.get("namespaces")).singleElement()
                    .satisfies(each -> assertThat(each.get("namespace").asText()).isEqualTo("team-a"));
            assertThat(spaces.toString()).doesNotContain("team-b");
            assertThat(send(server, null, "POST", "/v1/memories/search", "{\"query\": \"x\"}").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void aKeysRateLimitAppliesToTheMemoryRoutes() throws IOException {
        try (var server = new TestServer(config("auth: {enabled: true}\n"), ENV)) {
            String limited = server.gateway().keys().create("slow", KeyScope.TENANT, Set.of(), 2, null, null)
                    .secret();

            int first = send(server, limited, "POST", "/v1/memories/search", "{\"query\": \"a\"}").statusCode();
            int second = send(server, limited, "POST", "/v1/memories/search", "{\"query\": \"b\"}").statusCode();
            int third = send(server, limited, "POST", "/v1/memories/search", "{\"query\": \"c\"}").statusCode();

            assertThat(first).isEqualTo(200);
            assertThat(second).isEqualTo(200);
            assertThat(third).isEqualTo(429);
        }
    }

    @Test
    void aSpentBudgetKeepsTheSavePendingInsteadOfFailingIt() throws IOException {
        simulator.log().reset();
        try (var server = new TestServer(config("budgets: {models: {docs: {dailyUsd: 0}}}\n"), ENV)) {
            HttpResponse<String> saved = server.post("/v1/memories",
                    "{\"id\": \"kept\", \"content\": \"the budget is spent but this is kept\", \"importance\": 1}");
            JsonNode recalled = TestServer.json(server.post("/v1/memories/search", "{\"query\": \"budget kept\"}"));

            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(TestServer.json(saved).get("state").asText()).isEqualTo("pending");
            assertThat(server.get("/v1/memories/kept").statusCode()).isEqualTo(200);
            assertThat(recalled.get("mode_used").asText()).isEqualTo("keyword_importance");
            assertThat(recalled.get("notice").asText()).contains("budget");
            assertThat(recalled.get("data").get(0).get("id").asText()).isEqualTo("kept");
            assertThat(simulator.log().calls(Route.OPENAI)).isZero();
        }
    }

    private GatewayConfig config(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                store: {dataDir: %s}
                memory: {model: docs}
                providers:
                  - {name: paid, kind: openai, model: text-embedding-3-small, baseUrl: "%s", apiKeyEnv: SIM_KEY}
                routes:
                  - {name: docs, providers: [paid]}
                """.formatted(dir.resolve("data"), simulator.openAiBaseUrl()) + yaml));
    }

    private static HttpResponse<String> send(TestServer server, String secret, String method, String path,
                                             String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return server.send(request.build());
    }
}
