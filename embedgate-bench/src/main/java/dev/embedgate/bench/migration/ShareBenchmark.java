package dev.embedgate.bench.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.bench.memory.EmbedGateStores;
import dev.embedgate.bench.memory.OpenedStore;
import dev.embedgate.bench.memory.StoreTarget;
import dev.embedgate.bench.providers.EmbedGateJar;
import dev.embedgate.bench.providers.RouteLog;
import dev.embedgate.bench.providers.Simulator;
import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.LoadGenerator;
import dev.embedgate.bench.server.ProcessCpu;
import dev.embedgate.bench.server.RateResult;
import dev.embedgate.bench.server.ServerProcess;
import dev.embedgate.files.OwnerOnly;
import dev.embedgate.memory.HnswSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * A migration to a rate-limited remote provider, beside online traffic to it: the provider simulator (its OpenAI
 * route limited to R requests/min) and a gateway (the server jar, its own process) whose text-embedding-3-small
 * provider points there with a client-side limit of R. The gateway's Lucene store is seeded before it starts with
 * one namespace of memories per round (corpus texts with their all-MiniLM-L6-v2 vectors). Each round measures the
 * same open-loop online load once with no migration running and once beside a migration of that round's namespace,
 * started over HTTP and cancelled afterwards; the simulator's request log tells migration requests (several inputs)
 * from online ones (one).
 */
public final class ShareBenchmark {

    /** The route online requests and the migration name. */
    static final String ROUTE = "sim-openai-small";
    private static final String PROVIDER = "sim-openai";
    private static final String SIMULATOR_ROUTE = "openai";
    /** Not a conventional variable, so that no provider is added from the environment behind the config's back. */
    private static final String KEY_VARIABLE = "EMBEDGATE_BENCH_OPENAI_KEY";
    /** The folder of the server's Lucene store under its data folder ({@code MemoryAssembly.LUCENE_FOLDER}). */
    private static final String LUCENE_FOLDER = "memories";
    private static final Duration STOPPING = Duration.ofSeconds(3);
    private static final int SEED_BATCH = 500;

    private final SharePlan plan;
    private final PrintStream progress;

    public ShareBenchmark(SharePlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * @param corpus      texts the memories hold, cycled through
     * @param vectors     their all-MiniLM-L6-v2 vectors, in the same order
     * @param onlineTexts the texts of the online requests, one each, cycled through
     */
    public ShareResults run(EmbedGateJar jar, List<String> corpus, float[][] vectors, List<String> onlineTexts)
            throws IOException, InterruptedException {
        int memories = plan.memoriesPerRound();
        String simulatorConfig = "faults:\n  " + SIMULATOR_ROUTE + ":\n    requestsPerMinute: " + plan.requestsPerMinute()
                + "\n";
        try (Simulator simulator = jar.simulator("migration-simulator", simulatorConfig)) {
            ServerProcess gateway;
            long seeding = System.nanoTime();
            try {
                gateway = jar.gateway("migration-gateway", Map.of(KEY_VARIABLE, Simulator.API_KEY,
                        "EMBEDDING_PROVIDER", "local", "MALLOC_ARENA_MAX", "2"), gatewayConfig(simulator),
                        dataDir -> seed(dataDir, corpus, vectors, memories));
            } catch (IllegalStateException e) {
                String reason = "the gateway did not start: " + e.getMessage();
                progress.println("migration share not measured: " + reason);
                return ShareResults.notMeasured(plan, reason);
            }
            progress.printf("migration share: %d namespaces of %,d memories seeded and the gateway ready in %.1f s%n",
                    plan.rounds(), memories, (System.nanoTime() - seeding) / 1e9);
            try (gateway) {
                return new ShareResults(plan, null, memories, measure(simulator, gateway, onlineTexts, memories));
            }
        }
    }

    private String gatewayConfig(Simulator simulator) {
        return EmbedGateJar.UNCACHED + """
                providers:
                  - name: %s
                    kind: openai
                    model: text-embedding-3-small
                    baseUrl: %s
                    apiKeyEnv: %s
                    rateLimit: {requestsPerMinute: %d}
                    backgroundShare: %s
                routes:
                  - name: %s
                    providers: [%s]
                memory:
                  store: lucene
                  migrations: {workers: %d}
                """.formatted(PROVIDER, simulator.openAiBaseUrl(), KEY_VARIABLE, plan.requestsPerMinute(),
                plan.backgroundShare(), ROUTE, PROVIDER, plan.workers());
    }

    /** One namespace per round in the server's Lucene folder, the corpus cycled through, each with its vector. */
    private void seed(Path dataDir, List<String> corpus, float[][] vectors, int memories) throws IOException {
        var texts = new ArrayList<String>(memories);
        var textVectors = new float[memories][];
        for (int i = 0; i < memories; i++) {
            texts.add(corpus.get(i % corpus.size()));
            textVectors[i] = vectors[i % corpus.size()];
        }
        try (OpenedStore store = EmbedGateStores.lucene(OwnerOnly.folder(dataDir.resolve(LUCENE_FOLDER)),
                HnswSettings.DEFAULT)) {
            for (int round = 1; round <= plan.rounds(); round++) {
                StoreTarget.load(store.store(), BackfillBenchmark.namespace(round), BackfillBenchmark.MINILM_SPACE,
                        textVectors, texts, SEED_BATCH);
            }
        }
    }

    private List<ShareRound> measure(Simulator simulator, ServerProcess gateway, List<String> onlineTexts,
                                     int memories) throws IOException, InterruptedException {
        var online = new EmbeddingsClient(gateway.baseUri(), ROUTE);
        List<byte[]> bodies = onlineTexts.stream().map(text -> online.body(List.of(text))).toList();
        var migrations = new MigrationsClient(gateway.baseUri());
        requireSeeded(migrations.spaces(), memories);
        // Unmeasured: the gateway's JIT, connections and the online path warm up.
        new LoadGenerator(online).atRate(plan.onlinePerSecond(), bodies, plan.settle(), plan.settle());
        var rounds = new ArrayList<ShareRound>();
        for (int round = 1; round <= plan.rounds(); round++) {
            // Every other round the window beside a migration comes first.
            Window alone = round % 2 == 1 ? window(simulator, gateway, online, bodies) : null;
            JsonNode started = migrations.start(ROUTE, BackfillBenchmark.namespace(round), plan.batchSize(),
                    plan.maxRateShare());
            String id = started.get("id").asText();
            Window beside = window(simulator, gateway, online, bodies);
            String status = migrations.status(id).get("status").asText();
            migrations.cancel(id);
            // A batch in flight when it was cancelled is still answered; let it pass before the next window.
            Thread.sleep(STOPPING);
            if (alone == null) {
                alone = window(simulator, gateway, online, bodies);
            }
            var result = new ShareRound(round, alone.online(), alone.answers(), alone.migrationRequests(),
                    alone.gatewayCores(), beside.online(), beside.answers(), beside.migrationRequests(),
                    beside.seconds(), beside.gatewayCores(), alone.rateLimited() + beside.rateLimited(), status);
            progress.printf("migration share round %d: migration %.1f requests/min = %.3f of R (%s at the end); online "
                            + "p50 / p99 %.1f / %.1f ms alone, %.1f / %.1f ms beside it; refused online %d alone, %d "
                            + "beside; upstream 429s %d; gateway CPU %.2f / %.2f cores%n", round,
                    result.migrationPerMinute(),
                    result.share(plan.requestsPerMinute()), status, alone.online().p50Millis(),
                    alone.online().p99Millis(), beside.online().p50Millis(), beside.online().p99Millis(),
                    alone.answers().refused(), beside.answers().refused(), result.upstreamRateLimited(),
                    alone.gatewayCores(), beside.gatewayCores());
            rounds.add(result);
        }
        return rounds;
    }

    /**
     * The gateway must find every seeded memory in all-MiniLM-L6-v2's space with its vector: a memory pending there
     * would set its background worker embedding during the measurements.
     */
    private void requireSeeded(JsonNode spaces, int memories) {
        for (int round = 1; round <= plan.rounds(); round++) {
            String namespace = BackfillBenchmark.namespace(round);
            JsonNode found = null;
            for (JsonNode candidate : spaces.path("namespaces")) {
                if (candidate.path("namespace").asText().equals(namespace)) {
                    found = candidate;
                }
            }
            if (found == null || found.path("memories").asLong() != memories || found.path("pending").asLong() != 0
                    || !found.path("active_space").asText().equals(BackfillBenchmark.MINILM_SPACE)) {
                throw new IllegalStateException("the gateway should hold " + memories + " memories in " + namespace
                        + ", none pending, in " + BackfillBenchmark.MINILM_SPACE + "; GET /v1/spaces says " + found);
            }
        }
    }

    /**
     * The online load at the plan's rate, unmeasured for {@code settle} and then measured for {@code window}, with
     * the simulator's log read as the measured window opens and as it closes.
     */
    private Window window(Simulator simulator, ServerProcess gateway, EmbeddingsClient online, List<byte[]> bodies)
            throws IOException, InterruptedException {
        var tally = new StatusTally(online);
        var load = new LoadGenerator(tally);
        long opens = System.nanoTime() + plan.settle().toNanos();
        RateResult result;
        RouteLog first;
        RouteLog last;
        long firstNanos;
        long lastNanos;
        long firstCpu;
        long lastCpu;
        try (var runner = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<RateResult> running = CompletableFuture.supplyAsync(
                    () -> load.atRate(plan.onlinePerSecond(), bodies, plan.settle(), plan.window()), runner);
            sleepUntil(opens);
            first = simulator.log(SIMULATOR_ROUTE);
            firstNanos = System.nanoTime();
            firstCpu = ProcessCpu.nanos(gateway.pid());
            sleepUntil(opens + plan.window().toNanos());
            last = simulator.log(SIMULATOR_ROUTE);
            lastNanos = System.nanoTime();
            lastCpu = ProcessCpu.nanos(gateway.pid());
            result = running.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the online load failed: " + e.getCause(), e.getCause());
        }
        double seconds = (lastNanos - firstNanos) / 1e9;
        return new Window(result, tally.answers(), last.bodiesLargerThan(1, first.inputCounts().length),
                last.answered(429, first.statuses().length, last.statuses().length), seconds,
                (lastCpu - firstCpu) / 1e9 / seconds);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /**
     * One measured window.
     *
     * @param migrationRequests request bodies of more than one input the simulator read in it
     * @param rateLimited       calls it answered 429 in it
     * @param gatewayCores      the gateway process's CPU time in it over its length (1 = one core busy throughout)
     */
    private record Window(RateResult online, OnlineAnswers answers, long migrationRequests, long rateLimited,
                          double seconds, double gatewayCores) {
    }
}
