package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.TestServices;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics, /ready and /status: what operators see, and that it follows the parts going away and coming back. */
class ObservabilityTest {

    private static final String KEY = "sk-observability-0123456789abcdef";

    @TempDir
    Path dir;

    private static Map<String, String> openAi(ProviderSimulator simulator) {
        return Map.of("EMBEDDING_PROVIDER", "openai", "OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", simulator.openAiBaseUrl());
    }

    private GatewayConfig config(String yaml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), "server: {host: 127.0.0.1, port: 0}\n" + yaml));
    }

    @Test
    void metricsCountRequestsUpstreamCallsCacheAndCostWithoutSecrets() throws IOException {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
             var server = new TestServer(config(""), openAi(simulator))) {
            String body = "{\"model\": \"text-embedding-3-small\", \"input\": [\"metered one\", \"metered two\"]}";
            server.post("/v1/embeddings", body);
            server.post("/v1/embeddings", body);
            server.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"local\"}");
            server.post("/v1/embeddings", "{\"model\": \"nope\", \"input\": \"x\"}");
            server.get("/v1/models/text-embedding-3-small");
            server.get("/v1/models/sentence-transformers/all-MiniLM-L6-v2");
            server.get("/v1/scanned/by/a/bot");

            HttpResponse<String> scraped = server.get("/metrics");
            String metrics = scraped.body();

            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(metrics)
                    .contains("embedgate_http_requests_seconds_count{method=\"POST\",model=\"text-embedding-3-small\","
                            + "route=\"/v1/embeddings\",status=\"200\"} 2")
                    .contains("embedgate_http_requests_seconds_count{method=\"POST\",model=\"none\",route=\"/v1/embeddings\","
                            + "status=\"404\"} 1")
                    .contains("embedgate_http_requests_seconds_count{method=\"GET\",model=\"none\","
                            + "route=\"/v1/models/<id>\",status=\"200\"} 2")
                    .contains("embedgate_http_requests_seconds_count{method=\"GET\",model=\"none\",route=\"other\","
                            + "status=\"404\"} 1")
                    .contains("embedgate_upstream_calls_seconds_count{outcome=\"ok\",provider=\"openai/text-embedding-3-small\"} 1")
                    .contains("embedgate_cache_hits_total{tier=\"memory\"} 2")
                    .contains("embedgate_tokens_total{model=\"text-embedding-3-small\",provider=\"openai/text-embedding-3-small\"}")
                    .contains("embedgate_cost_usd_total{model=\"text-embedding-3-small\"")
                    .contains("embedgate_cache_saved_tokens_total")
                    .contains("embedgate_circuit_state{provider=\"openai/text-embedding-3-small\"} 0.0")
                    .contains("embedgate_local_batches_total{model=\"sentence-transformers/all-MiniLM-L6-v2\"}")
                    .contains("embedgate_http_in_flight")
                    .contains("embedgate_http_requests_seconds_bucket")
                    .doesNotContain(KEY);
        }
    }

    @Test
    void statusShowsProvidersCacheAndBudgetsButNeverAKey() throws IOException {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
             var server = new TestServer(config("""
                     budgets:
                       warnAtPercent: 50
                       models:
                         text-embedding-3-small: {dailyUsd: 0.00000001}
                     """), openAi(simulator))) {
            server.post("/v1/embeddings", "{\"model\": \"text-embedding-3-small\", \"input\": \"an expensive text of many words\"}");

            HttpResponse<String> response = server.get("/status");
            JsonNode status = TestServer.json(response);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).doesNotContain(KEY);
            JsonNode openAi = null;
            for (JsonNode provider : status.get("providers")) {
                if (provider.get("name").asText().equals("openai/text-embedding-3-small")) {
                    openAi = provider;
                }
            }
            assertThat(openAi).isNotNull();
            assertThat(openAi.get("has_api_key").asBoolean()).isTrue();
            assertThat(openAi.get("available").asBoolean()).isTrue();
            assertThat(openAi.get("circuit").asText()).isEqualTo("closed");
            assertThat(openAi.get("last_error").isNull()).isTrue();
            assertThat(status.at("/cache/tiers/0/tier").asText()).isEqualTo("memory");
            assertThat(status.at("/cache/tiers/0/misses").asLong()).isEqualTo(1);
            assertThat(status.at("/budgets/0/name").asText()).isEqualTo("text-embedding-3-small");
            assertThat(status.at("/budgets/0/exhausted").asBoolean()).isTrue();
            assertThat(status.at("/store/reachable").asBoolean()).isTrue();
        }
    }

    @Test
    void readyFlipsWhenTheProviderGoesAwayAndRecoversWhenItReturns() throws Exception {
        int port = freePort();
        var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(port));
        try (var server = new TestServer(config(""), openAi(simulator))) {
            assertThat(server.get("/ready").statusCode()).isEqualTo(200);

            simulator.close();
            assertThat(eventually(server, response -> response.statusCode() == 503).body())
                    .contains("\"openai/text-embedding-3-small\":\"unreachable\"");

            simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(port));
            assertThat(eventually(server, response -> response.statusCode() == 200).statusCode()).isEqualTo(200);
        } finally {
            simulator.close();
        }
    }

    @Test
    void readyFlipsWhenRedisGoesAwayAndRecoversWhenItReturns() throws Exception {
        TestServices.requireRedis();
        int port = freePort();
        Process redis = startRedis(port);
        try (var server = new TestServer(config("cache: {shared: {tier: redis, redisUrl: \"redis://127.0.0.1:%d\"}}\n"
                .formatted(port)))) {
            assertThat(eventually(server, response -> response.statusCode() == 200).statusCode()).isEqualTo(200);

            redis.destroy();
            redis.waitFor();
            HttpResponse<String> down = eventually(server, response -> response.statusCode() == 503);
            assertThat(down.body()).contains("\"redis\":\"down\"");
            assertThat(server.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"still served\"}")
                    .statusCode()).as("a missing shared tier never fails a request").isEqualTo(200);

            redis = startRedis(port);
            assertThat(eventually(server, response -> response.statusCode() == 200).body()).contains("\"redis\":\"up\"");
        } finally {
            redis.destroy();
            redis.waitFor();
        }
    }

    @Test
    void readyFollowsTheRedisOfSharedRateLimits() throws Exception {
        TestServices.requireRedis();
        int port = freePort();
        Process redis = startRedis(port);
        try (var server = new TestServer(config("rateLimits: {store: redis, redisUrl: \"redis://127.0.0.1:" + port
                + "\"}\n"))) {
            assertThat(eventually(server, response -> response.statusCode() == 200).body())
                    .contains("\"rate_limit_store\":\"up\"");

            redis.destroy();
            redis.waitFor();
            assertThat(eventually(server, response -> response.statusCode() == 503).body())
                    .contains("\"rate_limit_store\":\"down\"");

            redis = startRedis(port);
            assertThat(eventually(server, response -> response.statusCode() == 200).statusCode()).isEqualTo(200);
        } finally {
            redis.destroy();
            redis.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process startRedis(int port) throws IOException, InterruptedException {
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new Socket("127.0.0.1", port)) {
                return redis;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    /** Polls /ready until the answer matches, for at most 10 s. */
    private static HttpResponse<String> eventually(TestServer server, Predicate<HttpResponse<String>> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> last = server.get("/ready");
        while (!wanted.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = server.get("/ready");
        }
        assertThat(wanted.test(last)).as("/ready answered %d: %s", last.statusCode(), last.body()).isTrue();
        return last;
    }
}
