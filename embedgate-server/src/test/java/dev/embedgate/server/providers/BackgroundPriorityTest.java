package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.SpaceEmbeddingRequest;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A background job that saturates its share of a provider's rate limit never makes online requests wait or fail:
 * measured at the simulator, which enforces the same limit as the provider would.
 */
class BackgroundPriorityTest {

    private static final Map<String, String> ENV = Map.of("SIM_OPENAI_KEY", "sk-background-0123456789");
    private static final int REQUESTS_PER_MINUTE = 600;

    @TempDir
    Path dir;

    @Test
    void onlineRequestsNeverWaitForABackgroundJobThatSaturatesItsShare() throws Exception {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withFaults(Route.OPENAI, Faults.builder().requestsPerMinute(REQUESTS_PER_MINUTE).build()));
             var server = new TestServer(config(simulator), ENV);
             ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            var service = server.gateway().service();
            long jobStarted = System.nanoTime();
            var stop = new AtomicBoolean();
            var backgroundCalls = new AtomicInteger();
            for (int worker = 0; worker < 8; worker++) {
                int id = worker;
                background.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            service.embed(SpaceEmbeddingRequest.background("shared-limit",
                                    List.of("backfill " + id + " " + i)), Caller.ANONYMOUS);
                            backgroundCalls.incrementAndGet();
                        } catch (RuntimeException e) {
                            // a background call that found no room before its deadline: the job would retry
                        }
                    }
                    return null;
                });
            }
            // Let the job spend its whole share of the burst first: from then on it runs at its refill rate.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (backgroundCalls.get() < 285 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            var online = new ArrayList<Long>();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = server.post("/v1/embeddings",
                        "{\"model\": \"shared-limit\", \"input\": \"online request " + i + "\"}");
                online.add((System.nanoTime() - start) / 1_000_000);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                Thread.sleep(200);
            }
            double jobSeconds = (System.nanoTime() - jobStarted) / 1e9;
            stop.set(true);

            assertThat(backgroundCalls.get()).as("the job did saturate its share").isGreaterThanOrEqualTo(285);
            assertThat(online).as("online latencies (ms) while the job ran").allMatch(millis -> millis < 250);
            assertThat(simulator.log().statuses(Route.OPENAI)).as("the provider's own limit was never hit")
                    .doesNotContain(429);
            // The share is half the limit: a 285-call burst (half the 570-call bucket), then 5 calls a second.
            assertThat(backgroundCalls.get()).isLessThanOrEqualTo(285 + (int) Math.ceil(jobSeconds * 5) + 8);
        }
    }

    private dev.embedgate.server.config.GatewayConfig config(ProviderSimulator simulator) throws IOException {
        Path file = Files.writeString(dir.resolve("embedgate.yaml"), """
                providers:
                  - name: sim-openai
                    kind: openai
                    model: text-embedding-3-small
                    baseUrl: %s
                    apiKeyEnv: SIM_OPENAI_KEY
                    rateLimit: {requestsPerMinute: %d}
                    backgroundShare: 0.5
                    deadlineMillis: 3000
                routes:
                  - name: shared-limit
                    providers: [sim-openai]
                cache:
                  enabled: false
                """.formatted(simulator.openAiBaseUrl(), REQUESTS_PER_MINUTE));
        return ConfigLoader.load(file).withDataDir(dir.resolve("data"));
    }
}
