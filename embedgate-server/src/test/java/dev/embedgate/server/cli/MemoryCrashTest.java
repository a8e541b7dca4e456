package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a serving process while clients save memories on the embedded default (Lucene): after a restart
 * every memory whose save was answered is there, and those killed before their vector was written are embedded by the
 * background worker, so that every memory ends with a vector in its active space.
 */
class MemoryCrashTest {

    private static final Duration START = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyAnsweredSaveSurvivesKillNineAndGetsItsVectorAfterTheRestart() throws Exception {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1}
                memory: {worker: {idle: 200ms}}
                """);
        Path data = dir.resolve("data");
        Set<String> answered = ConcurrentHashMap.newKeySet();
        var running = new AtomicBoolean(true);
        try (var server = ServeProcess.start(config, data, dir.resolve("first.log")).awaitReady(START);
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var writers = new ArrayList<Future<?>>();
            for (int client = 0; client < 4; client++) {
                int writer = client;
                writers.add(clients.submit(() -> save(server, writer, running, answered)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (answered.size() < 60 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            server.killHard();
            running.set(false);
            for (Future<?> each : writers) {
                each.get();
            }
        }
        assertThat(answered).as("saves answered before the kill").hasSizeGreaterThanOrEqualTo(60);

        try (var restarted = ServeProcess.start(config, data, dir.resolve("second.log")).awaitReady(START)) {
            for (String id : answered) {
                assertThat(restarted.get("/v1/memories/" + id).statusCode()).as(id).isEqualTo(200);
            }
            JsonNode namespace = awaitNothingPending(restarted);
            assertThat(namespace.get("memories").asLong()).isGreaterThanOrEqualTo(answered.size());
            JsonNode found = JSON.readTree(restarted.post("/v1/memories/search",
                    "{\"query\": \"memory 3 of writer 1\", \"k\": 3}").body());
            assertThat(found.get("mode_used").asText()).isEqualTo("vector");
            assertThat(found.get("data")).isNotEmpty();
        }
    }

    private static Void save(ServeProcess server, int writer, AtomicBoolean running, Set<String> answered) {
        for (int batch = 0; running.get(); batch++) {
            var ids = new ArrayList<String>();
            var body = new StringBuilder("{\"memories\": [");
            for (int i = 0; i < 5; i++) {
                String id = "w" + writer + "-" + (batch * 5 + i);
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"id\": \"").append(id).append("\", \"content\": \"memory ")
                        .append(batch * 5 + i).append(" of writer ").append(writer).append("\"}");
            }
            try {
                HttpResponse<String> response = server.post("/v1/memories", body.append("]}").toString());
                if (response.statusCode() == 200) {
                    answered.addAll(ids);
                }
            } catch (Exception killed) {
                return null;
            }
        }
        return null;
    }

    private static JsonNode awaitNothingPending(ServeProcess server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode namespace = null;
        while (System.nanoTime() < deadline) {
            JsonNode spaces = JSON.readTree(server.get("/v1/spaces").body());
            for (JsonNode each : spaces.get("namespaces")) {
                if (each.get("namespace").asText().equals("default")) {
                    namespace = each;
                }
            }
            if (namespace != null && namespace.get("pending").asLong() == 0) {
                return namespace;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("memories still pending a minute after the restart: " + namespace);
    }
}
