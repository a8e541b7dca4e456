package dev.embedgate.bench.providers;

import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.LoadGenerator;
import dev.embedgate.bench.server.LoadResult;
import dev.embedgate.bench.server.MeasuredWindow;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * Gateway instances sharing one Redis-backed budget of R requests/min, in front of one simulator route limited to
 * R requests/min, with a batch job of many concurrent single-text requests spread over the instances. The
 * upstream rate is read from the simulator's request log; the target is to use at least 95% of R without ever
 * being answered 429.
 */
public record RateLimitBenchmark(RateLimitPlan plan, PrintStream progress) {

    static final String MODEL = "bench-model";
    private static final String ROUTE = "openai";
    /** Not a conventional variable, so that no provider is added from the environment behind the config's back. */
    private static final String KEY_VARIABLE = "EMBEDGATE_BENCH_OPENAI_KEY";
    private static final Duration BURST_POLL = Duration.ofSeconds(2);

    RateLimitResults run(EmbedGateJar jar, List<String> texts) throws IOException, InterruptedException {
        String simulatorConfig = """
                faults:
                  %s:
                    requestsPerMinute: %d
                """.formatted(ROUTE, plan.requestsPerMinute());
        try (Simulator simulator = jar.simulator("rate-limit-simulator", simulatorConfig)) {
            var gateways = new ArrayList<ServerProcess>();
            String provider = "bench-sim-openai-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
            try {
                for (int i = 1; i <= plan.instances(); i++) {
                    String name = "rate-limit-gateway-" + i;
                    try {
                        gateways.add(jar.gateway(name, Map.of(KEY_VARIABLE, Simulator.API_KEY, "EMBEDDING_PROVIDER", "local"),
                                gatewayConfig(simulator, provider)));
                    } catch (IllegalStateException e) {
                        String reason = "the gateway did not start with the rate-limit configuration: "
                                + EmbedGateJar.failureOf(jar.log(name));
                        progress.println("rate-limit not measured: " + reason);
                        return RateLimitResults.notMeasured(plan, reason);
                    }
                }
                return measure(simulator, gateways, texts);
            } finally {
                gateways.forEach(ServerProcess::close);
            }
        }
    }

    /**
     * The gateway configuration: one provider with the shared budget, one route to it, buckets in Redis. The
     * provider's name is new on every run, so that its buckets are too (they expire from Redis by themselves).
     */
    private String gatewayConfig(Simulator simulator, String provider) {
        return EmbedGateJar.UNCACHED + """
                providers:
                  - name: %s
                    kind: openai
                    model: text-embedding-3-small
                    baseUrl: %s
                    apiKeyEnv: %s
                    rateLimit: {requestsPerMinute: %d}
                routes:
                  - name: %s
                    providers: [%s]
                rateLimits:
                  store: redis
                  redisUrl: %s
                """.formatted(provider, simulator.openAiBaseUrl(), KEY_VARIABLE, plan.requestsPerMinute(), MODEL, provider,
                plan.redisUrl());
    }

    private RateLimitResults measure(Simulator simulator, List<ServerProcess> gateways, List<String> texts)
            throws IOException, InterruptedException {
        List<EmbeddingsClient> clients = gateways.stream().map(g -> new EmbeddingsClient(g.baseUri(), MODEL)).toList();
        for (EmbeddingsClient client : clients) {
            client.embed(List.of(texts.getFirst()));
        }
        List<byte[]> bodies = texts.stream().map(text -> clients.getFirst().body(List.of(text))).toList();
        var load = new LoadGenerator(clients);
        int concurrency = plan.instances() * plan.clientsPerInstance();

        RouteLog before = simulator.log(ROUTE);
        long start = System.nanoTime();
        var window = MeasuredWindow.pending();
        LoadResult clientSide;
        RouteLog windowStart;
        RouteLog windowEnd;
        double warmUpSeconds;
        try (var runner = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<LoadResult> job = CompletableFuture.supplyAsync(() -> load.run(concurrency, bodies, 1, window), runner);
            windowStart = awaitBurstSpent(simulator, before);
            window.open(plan.window());
            warmUpSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(plan.window());
            windowEnd = simulator.log(ROUTE);
            clientSide = job.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the batch job failed: " + e.getCause(), e.getCause());
        }
        RouteLog after = simulator.log(ROUTE);
        var results = new RateLimitResults(plan, null, windowEnd.answered(200) - windowStart.answered(200),
                window.seconds(), warmUpSeconds, windowStart.answered(200) - before.answered(200),
                after.answered(429) - before.answered(429), after.calls() - before.calls(),
                after.positionsOf(429, before.statuses().length).stream().map(p -> p - before.statuses().length).toList(), clientSide);
        progress.printf("rate-limit %d instances x %d clients, R = %d/min: %.1f upstream calls/min in the window = %.3f of R; "
                        + "%d answered 429; gateways answered %d errors%n", plan.instances(), plan.clientsPerInstance(),
                plan.requestsPerMinute(), results.upstreamPerMinute(), results.efficiency(), results.rateLimited(),
                clientSide.errors());
        return results;
    }

    /**
     * Waits until the buckets' initial capacity (a minute's budget, which both the shared limiter and the simulator
     * let through at once) is spent: at least R calls answered and the upstream rate down to the refill rate, or
     * the plan's longest warm-up passed. Returns the route's log at that moment.
     */
    private RouteLog awaitBurstSpent(Simulator simulator, RouteLog before) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + plan.warmUp().toNanos();
        double refillPerSecond = plan.requestsPerMinute() / 60.0;
        RouteLog previous = before;
        long previousNanos = System.nanoTime();
        while (true) {
            Thread.sleep(BURST_POLL);
            RouteLog now = simulator.log(ROUTE);
            long nowNanos = System.nanoTime();
            double perSecond = (now.answered(200) - previous.answered(200)) / ((nowNanos - previousNanos) / 1e9);
            boolean spent = now.answered(200) - before.answered(200) >= plan.requestsPerMinute()
                    && perSecond <= 1.5 * refillPerSecond;
            if (spent || nowNanos >= deadline) {
                return now;
            }
            previous = now;
            previousNanos = nowNanos;
        }
    }
}
