package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.store.Database;
import dev.embedgate.store.usage.JdbcUsageLedger;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import dev.embedgate.usage.UsageEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real {@code serve} process, while a request waits on a slow provider (the simulator delays its
 * answers): the server stops taking requests, lets the one in flight finish (or cuts it when the grace is over),
 * writes its usage to the ledger, logs one line and exits with 143, within the bound.
 */
class GracefulShutdownTest {

    private static final Duration START = Duration.ofMinutes(2);
    private static final String KEY = "sk-graceful-shutdown-0123456789";
    private static final String BODY = "{\"model\": \"text-embedding-3-small\", \"input\": \"a slow answer\"}";
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

    private ServeProcess serve(String grace, int providerLatencyMillis) throws IOException, InterruptedException {
        simulator.faults(Route.OPENAI, Faults.builder().latencyMillis(providerLatencyMillis).build());
        simulator.log().reset();
        // Usage is written every hour only: what reaches the ledger here is written by the stop.
        Path config = Files.writeString(dir.resolve("embedgate.yaml"), """
                server: {host: 127.0.0.1, shutdownGrace: %s}
                usage: {flushInterval: 1h}
                """.formatted(grace));
        return ServeProcess.start(config, dir.resolve("data"), dir.resolve("serve.log"), Map.of(
                "EMBEDDING_PROVIDER", "openai", "OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", simulator.openAiBaseUrl()))
                .awaitReady(START);
    }

    /** Sends the slow request and waits until it reached the provider. */
    private static CompletableFuture<HttpResponse<String>> inFlight(ServeProcess server) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = server.postAsync("/v1/embeddings", BODY);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (simulator.log().calls(Route.OPENAI) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(simulator.log().calls(Route.OPENAI)).as("the request reached the provider").isEqualTo(1);
        return answer;
    }

    /** A request on a new connection (a POST of {@code body}, or a GET): its status, or 0 when it was refused. */
    private static int freshRequest(ServeProcess server, String path, String body) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try (var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return 0;
        }
    }

    /** Polls until a new request is refused (connection refused, or 503); returns its status. */
    private static int awaitRefusal(ServeProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            int status = freshRequest(server, "/health", null);
            if (status == 0 || status == 503) {
                return status;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("new requests were still served 10 s after SIGTERM");
    }

    private static List<String> stopLines(ServeProcess server) {
        return server.output().lines().filter(line -> line.contains("EmbedGate stopped")).toList();
    }

    @Test
    void sigtermLetsTheRequestInFlightFinishRefusesNewOnesWritesItsUsageAndExits() throws Exception {
        int exit;
        HttpResponse<String> answer;
        int refusedWith;
        int lateEmbedding;
        boolean inFlightWhenRefused;
        long refusedAfterNanos;
        long stopNanos;
        List<String> stopLines;
        // An answer slow enough for the refusals to be seen while it is pending, on a machine busy with other work.
        try (var server = serve("20s", 12_000)) {
            CompletableFuture<HttpResponse<String>> slow = inFlight(server);
            long signalled = System.nanoTime();
            server.terminate();
            refusedWith = awaitRefusal(server);
            inFlightWhenRefused = !slow.isDone();
            refusedAfterNanos = System.nanoTime() - signalled;
            lateEmbedding = freshRequest(server, "/v1/embeddings", BODY);
            answer = slow.get(30, TimeUnit.SECONDS);
            exit = server.awaitExit(Duration.ofSeconds(30));
            stopNanos = System.nanoTime() - signalled;
            stopLines = stopLines(server);
        }

        assertThat(refusedWith).as("refused: connection refused (0) or 503").isIn(0, 503);
        assertThat(inFlightWhenRefused).as("new requests were refused while the slow one still ran (refused %d ms "
                + "after SIGTERM; the slow answer: %s)", refusedAfterNanos / 1_000_000, answer.statusCode() + " "
                + answer.body().substring(0, Math.min(200, answer.body().length()))).isTrue();
        assertThat(lateEmbedding).isIn(0, 503);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"embedding\"");
        assertThat(exit).as("128 + SIGTERM").isEqualTo(143);
        assertThat(Duration.ofNanos(stopNanos)).as("the 12 s answer, then the stop").isLessThan(Duration.ofSeconds(18));
        // The slow request, and perhaps a probe of awaitRefusal that came just before the stop.
        assertThat(stopLines).singleElement().satisfies(line -> assertThat(line)
                .containsPattern("([12]) request\\(s\\) in flight when it stopped taking new ones, \\1 finished, 0 cut")
                .contains("usage written", "store closed"));
        try (Database ledger = Database.sqlite(dir.resolve("data"))) {
            List<UsageEntry> rows = new JdbcUsageLedger(ledger).since(LocalDate.now(ZoneOffset.UTC).minusDays(1));
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.model()).isEqualTo("text-embedding-3-small");
                assertThat(row.requests()).isEqualTo(1);
                assertThat(row.inputTokens()).isPositive();
            });
        }
    }

    @Test
    void aRequestStillRunningWhenTheGraceEndsIsCutAndTheProcessExitsAtTheBound() throws Exception {
        int exit;
        long stopNanos;
        Throwable cutAnswer = null;
        List<String> stopLines;
        try (var server = serve("1s", 60_000)) {
            CompletableFuture<HttpResponse<String>> slow = inFlight(server);
            long signalled = System.nanoTime();
            server.terminate();
            exit = server.awaitExit(Duration.ofSeconds(30));
            stopNanos = System.nanoTime() - signalled;
            try {
                slow.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                cutAnswer = e.getCause();
            }
            stopLines = stopLines(server);
        }

        assertThat(exit).isEqualTo(143);
        assertThat(Duration.ofNanos(stopNanos)).as("1 s of grace, then the stop").isLessThan(Duration.ofSeconds(6));
        assertThat(cutAnswer).as("the client saw its connection closed").isInstanceOf(IOException.class);
        assertThat(stopLines).singleElement().satisfies(line -> assertThat(line)
                .contains("1 request(s) in flight", "0 finished, 1 cut"));
    }
}
