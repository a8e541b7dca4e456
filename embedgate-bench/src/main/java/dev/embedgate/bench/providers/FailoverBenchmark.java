package dev.embedgate.bench.providers;

import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Failing over from a remote primary that fails every call to the in-process model of the same space, against
 * that model serving directly. One gateway runs as a user points it at Hugging Face
 * ({@code EMBEDDING_PROVIDER=huggingface}: all-MiniLM-L6-v2 via the simulator's Hugging Face route, then the local
 * model); another serves the local model only. Requests go one at a time, each to both gateways in turn.
 * <p>
 * Circuit closed: each measured request meets a route failing 100% of calls, so it pays every retry before
 * failing over; healthy calls between measured requests keep the breaker's failure rate under its threshold.
 * Circuit open: the route keeps failing until the breaker opens, then requests fail over at once.
 */
public record FailoverBenchmark(FailoverPlan plan, PrintStream progress) {

    static final String MODEL = "all-MiniLM-L6-v2";
    private static final String ROUTE = "huggingface";
    private static final String FAILING = "{\"errorRate\": 1.0, \"errorStatuses\": [500]}";
    private static final String HEALTHY = "{}";
    private static final int HEALTHY_WARM_UP_CALLS = 20;
    private static final int MAX_REQUESTS_TO_OPEN = 20;

    /** One answered request: its latency and the provider that served it ({@code X-EmbedGate-Provider}). */
    private record Exchange(long nanos, String provider) {
        boolean servedLocally() {
            return provider.startsWith("local");
        }
    }

    FailoverResults run(EmbedGateJar jar, List<String> texts) throws IOException, InterruptedException {
        try (Simulator simulator = jar.simulator("failover-simulator", null);
             ServerProcess failingOver = jar.gateway("failover-gateway", Map.of(
                     "EMBEDDING_PROVIDER", "huggingface",
                     "HF_TOKEN", Simulator.API_KEY,
                     "HF_INFERENCE_ENDPOINT", simulator.huggingFaceBaseUrl().toString()), EmbedGateJar.UNCACHED);
             ServerProcess local = jar.gateway("local-gateway", Map.of("EMBEDDING_PROVIDER", "local"),
                     EmbedGateJar.UNCACHED)) {
            var viaFailover = new EmbeddingsClient(failingOver.baseUri(), MODEL);
            var direct = new EmbeddingsClient(local.baseUri(), MODEL);
            List<byte[]> bodies = texts.stream().map(text -> direct.body(List.of(text))).toList();

            String remote = null;
            for (int i = 0; i < HEALTHY_WARM_UP_CALLS; i++) {
                remote = exchange(viaFailover, bodies.get(i % bodies.size())).provider();
                exchange(direct, bodies.get(i % bodies.size()));
            }
            if (remote.startsWith("local")) {
                throw new IllegalStateException("the failover gateway served the local model while its primary was healthy");
            }

            var closedFailover = new ArrayList<Long>();
            var closedLocal = new ArrayList<Long>();
            var attempts = new ArrayList<Integer>();
            int next = 0;
            for (int cycle = 0; cycle < plan.warmUpCycles() + plan.closedSamples(); cycle++) {
                byte[] body = bodies.get(next++ % bodies.size());
                simulator.faults(ROUTE, FAILING);
                int callsBefore = simulator.log(ROUTE).calls();
                Exchange failedOver = exchange(viaFailover, body);
                int calls = simulator.log(ROUTE).calls() - callsBefore;
                simulator.faults(ROUTE, HEALTHY);
                requireLocal(failedOver, "closed");
                for (int h = 0; h < plan.healthyCallsPerCycle(); h++) {
                    if (exchange(viaFailover, bodies.get(next++ % bodies.size())).servedLocally()) {
                        throw new IllegalStateException("the circuit opened during the closed-circuit phase; "
                                + "raise FailoverPlan.healthyCallsPerCycle");
                    }
                }
                Exchange baseline = exchange(direct, body);
                if (cycle >= plan.warmUpCycles()) {
                    closedFailover.add(failedOver.nanos());
                    closedLocal.add(baseline.nanos());
                    attempts.add(calls);
                }
            }
            var closed = FailoverCase.of(closedFailover, closedLocal);
            progress.printf("failover circuit closed: failing over p50 %.1f ms p99 %.1f ms, local p50 %.1f ms; %s upstream calls per request%n",
                    closed.failingOver().p50Millis(), closed.failingOver().p99Millis(), closed.local().p50Millis(), attempts);

            simulator.faults(ROUTE, FAILING);
            int requestsToOpen = 0;
            boolean open = false;
            while (!open && requestsToOpen < MAX_REQUESTS_TO_OPEN) {
                int callsBefore = simulator.log(ROUTE).calls();
                requireLocal(exchange(viaFailover, bodies.get(next++ % bodies.size())), "opening");
                requestsToOpen++;
                open = simulator.log(ROUTE).calls() == callsBefore;
            }
            if (!open) {
                throw new IllegalStateException("the circuit did not open after " + MAX_REQUESTS_TO_OPEN + " failing requests");
            }
            var openFailover = new ArrayList<Long>();
            var openLocal = new ArrayList<Long>();
            int callsBefore = simulator.log(ROUTE).calls();
            long start = System.nanoTime();
            for (int i = 0; i < plan.openSamples(); i++) {
                byte[] body = bodies.get(next++ % bodies.size());
                if (i % 2 == 0) {
                    openFailover.add(requireLocal(exchange(viaFailover, body), "open").nanos());
                    openLocal.add(exchange(direct, body).nanos());
                } else {
                    openLocal.add(exchange(direct, body).nanos());
                    openFailover.add(requireLocal(exchange(viaFailover, body), "open").nanos());
                }
            }
            double openSeconds = (System.nanoTime() - start) / 1e9;
            int callsWhileOpen = simulator.log(ROUTE).calls() - callsBefore;
            var openCase = FailoverCase.of(openFailover, openLocal);
            progress.printf("failover circuit open: failing over p50 %.1f ms p99 %.1f ms, local p50 %.1f ms p99 %.1f ms; "
                            + "%d upstream calls in %.0f s%n", openCase.failingOver().p50Millis(), openCase.failingOver().p99Millis(),
                    openCase.local().p50Millis(), openCase.local().p99Millis(), callsWhileOpen, openSeconds);
            return new FailoverResults(plan, remote, closed, attempts, openCase, requestsToOpen, callsWhileOpen, openSeconds);
        }
    }

    private static Exchange exchange(EmbeddingsClient client, byte[] body) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<Void> response = client.send(body);
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("a gateway answered " + response.statusCode() + " to a request it should have served");
        }
        return new Exchange(nanos, response.headers().firstValue("X-EmbedGate-Provider").orElse("unknown"));
    }

    private static Exchange requireLocal(Exchange exchange, String phase) {
        if (!exchange.servedLocally()) {
            throw new IllegalStateException("with its primary failing (" + phase + " circuit), the gateway answered from "
                    + exchange.provider() + " instead of failing over to the local model");
        }
        return exchange;
    }
}
