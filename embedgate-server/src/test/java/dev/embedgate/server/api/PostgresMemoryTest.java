package dev.embedgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.server.config.ConfigException;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.store.TestServices;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway on PostgreSQL keeps its memory there by default, in pgvector tables beside the operational ones: saves,
 * recall, the spaces view and the status counts over HTTP, and what survives a restart of the gateway.
 */
class PostgresMemoryTest {

    @TempDir
    Path dir;

    @Test
    void theMemoryOfAGatewayOnPostgresLivesInPgvectorAndSurvivesARestart() throws IOException {
        try (TestServices.Schema schema = TestServices.pgvectorSchema()) {
            GatewayConfig config = config(schema.url(), "");
            try (var server = new TestServer(config, Map.of())) {
                HttpResponse<String> saved = server.post("/v1/memories", """
                        {"namespace": "pg", "memories": [
                          {"id": "a", "content": "The espresso machine is descaled every Monday", "metadata": {"room": "kitchen"}},
                          {"id": "b", "content": "Parking permits renew in January", "metadata": {"room": "lobby"}}]}""");
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
                assertThat(server.gateway().memory().orElseThrow().service().storeDescription()).contains("PostgreSQL");
            }
            try (var restarted = new TestServer(config, Map.of())) {
                JsonNode found = TestServer.json(restarted.post("/v1/memories/search", """
                        {"namespace": "pg", "query": "coffee maintenance", "mode": "hybrid", "k": 1,
                         "filter": {"room": {"$in": ["kitchen", "garage"]}}}"""));
                JsonNode status = TestServer.json(restarted.get("/status"));

                assertThat(found.get("data")).singleElement().satisfies(each ->
                        assertThat(each.get("id").asText()).isEqualTo("a"));
                assertThat(status.at("/memory/memories").asLong()).isEqualTo(2);
                assertThat(status.at("/memory/vectors").asLong()).isEqualTo(2);
                assertThat(status.at("/memory/pending").asLong()).isZero();
                assertThat(restarted.get("/metrics").body()).contains("embedgate_memory_memories 2.0");
            }
        }
    }

    @Test
    void withoutPgvectorOnTheSearchPathStartUpFailsSayingWhatToDo() throws IOException {
        try (TestServices.Schema schema = TestServices.pgvectorSchema()) {
            String withoutPublic = TestServices.POSTGRES_URL + "?currentSchema=" + schema.name();
            GatewayConfig config = config(withoutPublic, "");

            long flushersBefore = usageFlushers();
            Assertions.assertThatThrownBy(() -> new TestServer(config, Map.of()).close())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("memory.store")
                    .hasMessageContaining("search_path");
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (usageFlushers() > flushersBefore && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(usageFlushers()).as("a gateway that failed to start leaves no usage recorder running")
                    .isEqualTo(flushersBefore);
            try (var off = new TestServer(config(withoutPublic, "memory: {store: off}\n"), Map.of())) {
                assertThat(off.post("/v1/memories", "{\"content\": \"x\"}").statusCode()).isEqualTo(404);
                assertThat(off.post("/v1/embeddings", "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"x\"}")
                        .statusCode()).isEqualTo(200);
            }
        }
    }

    private static long usageFlushers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("embedgate-usage-flush") && thread.isAlive()).count();
    }

    private GatewayConfig config(String url, String more) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, port: 0}
                store: {postgres: {url: "%s", user: %s}}
                """.formatted(url, TestServices.POSTGRES_USER) + more));
    }
}
