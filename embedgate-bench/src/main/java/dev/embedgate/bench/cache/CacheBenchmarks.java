package dev.embedgate.bench.cache;

import dev.embedgate.bench.providers.EmbedGateJar;
import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.LoadGenerator;
import dev.embedgate.bench.server.LoadResult;
import dev.embedgate.bench.server.LoadTarget;
import dev.embedgate.bench.server.RateResult;
import dev.embedgate.bench.server.ServerProcess;
import dev.embedgate.bench.server.StaticRouteClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cache benchmarks of issue 4, each against its own gateway process on the embedded default (local
 * all-MiniLM-L6-v2, cache on, an empty data folder): the cache-hit path against the same server's static
 * {@code /health}, and a replay of the corpus with Zipf-distributed repeats.
 */
public final class CacheBenchmarks {

    private static final String MODEL = "all-MiniLM-L6-v2";
    private static final Map<String, String> LOCAL = Map.of("EMBEDDING_PROVIDER", "local");

    private final CachePlan plan;
    private final PrintStream progress;

    public CacheBenchmarks(CachePlan plan, PrintStream progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public CacheResults run(Path serverJar, List<String> jvmOptions, Path workDir, List<String> corpus, String cachedText)
            throws IOException, InterruptedException {
        EmbedGateJar jar = EmbedGateJar.snapshot(serverJar, jvmOptions, null, workDir);
        CacheResults.HitPath hitPath = hitPath(jar, cachedText);
        CacheResults.Replay replay = replay(jar, corpus);
        return new CacheResults(plan, hitPath, replay);
    }

    private CacheResults.HitPath hitPath(EmbedGateJar jar, String text) throws IOException, InterruptedException {
        try (ServerProcess gateway = jar.gateway("cache-hit-gateway", LOCAL, null)) {
            // What OpenAI's own clients ask for: base64 vectors.
            EmbeddingsClient embeddings = new EmbeddingsClient(gateway.baseUri(), MODEL).withEncodingFormat("base64");
            embeddings.embed(List.of(text));
            if (embeddings.embed(List.of(text)).promptTokens() != 0) {
                throw new IllegalStateException("the second request for the same text was not a cache hit");
            }
            List<byte[]> cachedBody = List.of(embeddings.body(List.of(text)));
            LoadTarget health = new StaticRouteClient(gateway.baseUri().resolve("/health"));
            var cachedLoad = new LoadGenerator(embeddings);
            var healthLoad = new LoadGenerator(health);
            for (var warm : List.of(cachedLoad, healthLoad)) {
                LoadResult result = warm.run(plan.concurrency(), cachedBody, 1, plan.warmUp(), plan.window());
                progress.printf("cache warm-up %-8s: %.0f req/s%n", warm == cachedLoad ? "cached" : "/health",
                        result.requestsPerSecond());
            }
            var cachedClosed = new ArrayList<LoadResult>();
            var healthClosed = new ArrayList<LoadResult>();
            var cachedOpen = new ArrayList<RateResult>();
            var healthOpen = new ArrayList<RateResult>();
            for (int round = 0; round < plan.rounds(); round++) {
                boolean cachedFirst = round % 2 == 0;
                for (boolean cached : new boolean[] {cachedFirst, !cachedFirst}) {
                    LoadResult closed = (cached ? cachedLoad : healthLoad).run(plan.concurrency(), cachedBody, 1,
                            Duration.ofSeconds(1), plan.window());
                    (cached ? cachedClosed : healthClosed).add(closed);
                    progress.printf("cache round %d %-8s closed loop x%d: %7.0f req/s p50 %5.2f ms p99 %5.2f ms (%d errors)%n",
                            round + 1, cached ? "cached" : "/health", plan.concurrency(), closed.requestsPerSecond(),
                            closed.p50Millis(), closed.p99Millis(), closed.errors());
                }
                for (boolean cached : new boolean[] {cachedFirst, !cachedFirst}) {
                    RateResult open = (cached ? cachedLoad : healthLoad).atRate(plan.ratePerSecond(), cachedBody,
                            Duration.ofSeconds(1), plan.rateWindow());
                    (cached ? cachedOpen : healthOpen).add(open);
                    progress.printf("cache round %d %-8s %d/s open loop: achieved %6.0f/s p50 %5.2f ms p99 %5.2f ms (%d errors)%n",
                            round + 1, cached ? "cached" : "/health", plan.ratePerSecond(), open.achievedPerSecond(),
                            open.p50Millis(), open.p99Millis(), open.errors());
                }
            }
            return new CacheResults.HitPath(text, cachedClosed, healthClosed, cachedOpen, healthOpen);
        }
    }

    private CacheResults.Replay replay(EmbedGateJar jar, List<String> corpus) throws IOException, InterruptedException {
        List<String> stream = ZipfReplay.stream(corpus, plan.replayRequests(), plan.repeatShare(), plan.zipfExponent(), 42);
        try (ServerProcess gateway = jar.gateway("cache-replay-gateway", LOCAL, null)) {
            var client = new EmbeddingsClient(gateway.baseUri(), MODEL).withEncodingFormat("base64");
            var next = new AtomicInteger();
            var hits = new AtomicLong();
            var billed = new AtomicLong();
            var errors = new AtomicLong();
            var firstCost = new ConcurrentHashMap<String, Long>();
            var hitTexts = new ConcurrentHashMap<String, AtomicLong>();
            long start = System.nanoTime();
            try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
                var running = new ArrayList<Future<?>>();
                for (int c = 0; c < plan.replayClients(); c++) {
                    running.add(clients.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < stream.size(); ) {
                            String text = stream.get(i);
                            try {
                                long tokens = client.embed(List.of(text)).promptTokens();
                                if (tokens == 0) {
                                    hits.incrementAndGet();
                                    hitTexts.computeIfAbsent(text, t -> new AtomicLong()).incrementAndGet();
                                } else {
                                    billed.addAndGet(tokens);
                                    firstCost.putIfAbsent(text, tokens);
                                }
                            } catch (IOException | IllegalStateException e) {
                                errors.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> replaying : running) {
                    replaying.get();
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("a replay client failed: " + e.getCause(), e.getCause());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long saved = hitTexts.entrySet().stream()
                    .mapToLong(hit -> hit.getValue().get() * firstCost.getOrDefault(hit.getKey(), 0L)).sum();
            long gatewaySaved = scrapeCounter(gateway.baseUri(), "embedgate_cache_saved_tokens_total");
            progress.printf("cache replay: %d requests (%d distinct) in %.1f s: %d hits, %d tokens billed, %d saved "
                    + "(gateway counts %d)%n", stream.size(), new LinkedHashSet<>(stream).size(), seconds, hits.get(),
                    billed.get(), saved, gatewaySaved);
            return new CacheResults.Replay(stream.size(), new LinkedHashSet<>(stream).size(), hits.get(), billed.get(),
                    saved, gatewaySaved, seconds, errors.get());
        }
    }

    /** The sum over every series of a counter on the gateway's {@code /metrics}. */
    private static long scrapeCounter(URI base, String counter) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return Math.round(metrics.lines().filter(line -> line.startsWith(counter + "{") || line.startsWith(counter + " "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
        }
    }
}
