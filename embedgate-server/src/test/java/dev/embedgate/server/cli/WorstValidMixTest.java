package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worst mix of valid requests, against a server in a process of its own started as the launcher starts it: eight
 * clients at once, each sending 2,048 texts of 8,000 characters (the request limit), who give up and hang up. The
 * server must keep answering its probes, hold its resident memory under the documented bound, and be free for a
 * one-word request as soon as they are gone (it used to finish their work for minutes).
 */
class WorstValidMixTest {

    /** The bound docs/operations.md gives for the launcher's settings. */
    private static final long RESIDENT_BOUND_BYTES = 1024L * 1024 * 1024;
    private static final int CLIENTS = 8;
    private static final Duration CLIENTS_GIVE_UP = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void eightAbandonedRequestsAtTheSizeLimitLeaveMemoryBoundedProbesAnsweredAndTheModelFree() throws Exception {
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), "server: {host: 127.0.0.1}\ncache: {enabled: false}\n");
        try (var server = ServeProcess.start(config, dir.resolve("data"), dir.resolve("server.log"))
                .awaitReady(Duration.ofMinutes(2))) {
            URI embeddings = URI.create("http://127.0.0.1:" + server.port() + "/v1/embeddings");
            String worst = "{\"model\": \"all-MiniLM-L6-v2\", \"input\": [" + IntStream.range(0, 2048)
                    .mapToObj(WorstValidMixTest::longText).collect(Collectors.joining(",")) + "]}";
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var outcomes = new ConcurrentLinkedQueue<String>();
            var clients = new ArrayList<Thread>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(Thread.ofVirtual().start(() -> outcomes.add(send(http, embeddings, worst, CLIENTS_GIVE_UP))));
            }

            long slowestProbeMillis = 0;
            while (clients.stream().anyMatch(Thread::isAlive)) {
                long start = System.nanoTime();
                assertThat(server.get("/health").statusCode()).isEqualTo(200);
                slowestProbeMillis = Math.max(slowestProbeMillis, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(200);
            }
            long start = System.nanoTime();
            String oneWord = send(http, embeddings, "{\"model\": \"all-MiniLM-L6-v2\", \"input\": \"hello\"}",
                    Duration.ofSeconds(60));
            long oneWordMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(List.copyOf(outcomes)).as("what the clients got").hasSize(CLIENTS)
                    .allMatch(outcome -> outcome.equals("429") || outcome.equals("gave up"));
            assertThat(slowestProbeMillis).as("slowest /health while they ran, ms").isLessThan(5_000);
            assertThat(oneWord).isEqualTo("200");
            assertThat(oneWordMillis).as("the next one-word request, ms").isLessThan(10_000);
            assertThat(server.peakResidentBytes()).as("peak resident bytes").isLessThan(RESIDENT_BOUND_BYTES);
        }
    }

    /** About 8,000 characters of words, distinct per index. */
    private static String longText(int index) {
        var text = new StringBuilder(8_100).append('"').append(index);
        for (int word = 0; text.length() < 8_000; word++) {
            text.append(" word").append((index * 31 + word) % 997).append(" text").append(word % 89);
        }
        return text.append('"').toString();
    }

    /** The status, or "gave up" when the timeout passed first (the client hangs up). */
    private static String send(HttpClient http, URI uri, String body, Duration timeout) {
        var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return Integer.toString(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return "gave up";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
