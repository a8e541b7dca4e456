package dev.embedgate.bench.rerank;

import dev.embedgate.bench.providers.EmbedGateJar;
import dev.embedgate.bench.providers.Simulator;
import dev.embedgate.bench.server.LoadTarget;
import dev.embedgate.bench.server.ProcessCpu;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Reranking throughput (documents ranked per second) and latency, four ways, from closed-loop clients: EmbedGate's
 * local cosine ranker on documents it has never seen (every document of every request new, so the embedding cache
 * misses) and on documents it has (all hits); EmbedGate in front of the simulated Cohere reranker (score cache off);
 * and the simulator called directly with the same bodies, so that the gateway's cost shows. One simulator and one
 * gateway serve every window; the systems take turns window by window, in an order rotated every round.
 */
public record RerankBenchmark(RerankPlan plan, PrintStream progress) {

    static final String REMOTE_MODEL = "rerank-english-v3.0";
    static final String LOCAL_MODEL = "local-cosine";
    private static final String KEY_VARIABLE = "SIM_KEY";

    /** The gateway's configuration: the simulated Cohere as the only provider of its model, the score cache off. */
    static String gatewayConfig(String cohereBaseUrl) {
        return """
                rerank:
                  providers:
                    - {name: sim-cohere, kind: cohere, model: %s, baseUrl: "%s", apiKeyEnv: %s}
                  routes:
                    - {name: %s, providers: [sim-cohere]}
                  cacheEntries: 0
                """.formatted(REMOTE_MODEL, cohereBaseUrl, KEY_VARIABLE, REMOTE_MODEL);
    }

    public RerankResults run(EmbedGateJar jar, RerankWorkload workload, List<RerankSystem> systems)
            throws IOException, InterruptedException {
        String simulatorConfig = "faults:\n  cohere: {latencyMillis: " + plan.providerLatencyMillis() + "}\n";
        try (Simulator simulator = jar.simulator("rerank-simulator", simulatorConfig);
             ServerProcess gateway = jar.gateway("rerank-gateway", Map.of(KEY_VARIABLE, Simulator.API_KEY),
                     gatewayConfig(simulator.cohereBaseUrl().toString()))) {
            var viaGateway = new RerankClient(gateway.baseUri().resolve("/v1/rerank"), null);
            var direct = new RerankClient(simulator.cohereBaseUrl().resolve("/cohere/v2/rerank"), Simulator.API_KEY);
            List<byte[]> remoteBodies = workload.bodies(REMOTE_MODEL, 400);
            List<byte[]> warmBodies = workload.bodies(LOCAL_MODEL, plan.warmBodies());
            // Distinct bodies are numbered across the whole run, so that no window repeats another's documents.
            var distinct = new AtomicLong();
            LongFunction<byte[]> coldBody = ignored -> workload.distinctBody(LOCAL_MODEL, distinct.getAndIncrement());

            direct.check(remoteBodies.getFirst(), plan.topN());
            int callsBefore = simulator.log("cohere").calls();
            String remoteRanker = viaGateway.check(remoteBodies.getFirst(), plan.topN());
            int upstreamCalls = simulator.log("cohere").calls() - callsBefore;
            String localRanker = viaGateway.check(warmBodies.getFirst(), plan.topN());
            progress.printf("rerank: %d candidates per request from %,d corpus texts, %d held-out queries; the gateway "
                    + "made %d upstream call(s) for one request; rankers: %s (remote), %s (local)%n",
                    plan.candidates(), workload.documentPool(), workload.queryCount(), upstreamCalls, remoteRanker,
                    localRanker);

            for (RerankSystem system : systems) {
                if (system == RerankSystem.LOCAL_WARM) {
                    for (byte[] body : warmBodies) {
                        viaGateway.exchange(body);
                    }
                }
                ClosedLoop.WindowResult warm = ClosedLoop.run(target(system, viaGateway, direct), 4,
                        bodies(system, remoteBodies, warmBodies, coldBody), Duration.ZERO, plan.jitWarmUp());
                progress.printf("rerank warm-up %-11s: 4 clients, %.1f requests/s (%d errors)%n", system,
                        warm.requestsPerSecond(), warm.errors());
            }

            var runs = new ArrayList<RerankRun>();
            for (int round = 0; round < plan.rounds(); round++) {
                for (int concurrency : plan.concurrencies()) {
                    for (int turn = 0; turn < systems.size(); turn++) {
                        RerankSystem system = systems.get((turn + round) % systems.size());
                        long cpuBefore = ProcessCpu.nanos(gateway.pid());
                        ClosedLoop.WindowResult window = ClosedLoop.run(target(system, viaGateway, direct), concurrency,
                                bodies(system, remoteBodies, warmBodies, coldBody), plan.windowWarmUp(system),
                                plan.window(system));
                        var run = new RerankRun(system, concurrency, round + 1,
                                window.requestsPerSecond() * plan.candidates(), window.latencies().p50Millis(),
                                window.latencies().p99Millis(), window.latencies().count(), window.errors(),
                                system == RerankSystem.DIRECT ? Double.NaN
                                        : (ProcessCpu.nanos(gateway.pid()) - cpuBefore) / 1e6 / window.sent());
                        runs.add(run);
                        progress.printf("rerank round %d c=%d %-11s: %8.1f pairs/s p50 %8.2f ms p99 %8.2f ms "
                                + "(%d answers, %d errors), gateway CPU %.2f ms/request%n", run.round(), concurrency,
                                system, run.pairsPerSecond(), run.p50Millis(), run.p99Millis(), run.requests(),
                                run.errors(), run.gatewayCpuMillisPerRequest());
                    }
                }
            }
            return new RerankResults(plan, systems, workload.documentPool(), workload.queryCount(), upstreamCalls,
                    localRanker, remoteRanker, runs);
        }
    }

    private static LoadTarget target(RerankSystem system, RerankClient viaGateway, RerankClient direct) {
        return system == RerankSystem.DIRECT ? direct : viaGateway;
    }

    private static LongFunction<byte[]> bodies(RerankSystem system, List<byte[]> remote, List<byte[]> warm,
                                               LongFunction<byte[]> cold) {
        return switch (system) {
            case LOCAL_COLD -> cold;
            case LOCAL_WARM -> i -> warm.get((int) (i % warm.size()));
            case GATEWAY, DIRECT -> i -> remote.get((int) (i % remote.size()));
        };
    }
}
