package dev.embedgate.bench.providers;

import dev.embedgate.bench.server.EmbeddingsClient;
import dev.embedgate.bench.server.EmbeddingsReply;
import dev.embedgate.bench.server.LoadGenerator;
import dev.embedgate.bench.server.LoadResult;
import dev.embedgate.bench.server.ProcessCpu;
import dev.embedgate.bench.server.RateResult;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EmbedGate in front of the simulator's OpenAI route against that route called directly: the same request bodies
 * from the same open-loop generator, at each rate, the two targets taking turns window by window (in alternating
 * order), so that both see the same machine. The gateway is configured from the environment only, as a user
 * points it at OpenAI: {@code EMBEDDING_PROVIDER=openai}, {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}.
 */
public record OverheadBenchmark(OverheadPlan plan, PrintStream progress) {

    static final String MODEL = "text-embedding-3-small";

    OverheadResults run(EmbedGateJar jar, List<String> texts) throws IOException, InterruptedException {
        try (Simulator simulator = jar.simulator("overhead-simulator", null);
             ServerProcess gateway = jar.gateway("overhead-gateway", Map.of(
                     "EMBEDDING_PROVIDER", "openai",
                     "OPENAI_API_KEY", Simulator.API_KEY,
                     "OPENAI_BASE_URL", simulator.openAiBaseUrl().toString()), EmbedGateJar.UNCACHED)) {
            EmbeddingsClient direct = simulator.openAiClient(MODEL);
            EmbeddingsClient viaGateway = new EmbeddingsClient(gateway.baseUri(), MODEL);
            EmbeddingsReply directReply = direct.embed(List.of(texts.getFirst()));
            EmbeddingsReply gatewayReply = viaGateway.embed(List.of(texts.getFirst()));
            if (directReply.dimensions() != gatewayReply.dimensions()) {
                throw new IllegalStateException("the simulator answers " + directReply.dimensions()
                        + " dimensions and the gateway " + gatewayReply.dimensions());
            }
            // Loaded with what OpenAI's own clients send: base64 vectors. Both targets get the very same bytes.
            direct = direct.withEncodingFormat("base64");
            viaGateway = viaGateway.withEncodingFormat("base64");
            EmbeddingsClient bodyWriter = direct;
            List<byte[]> bodies = texts.stream().map(text -> bodyWriter.body(List.of(text))).toList();
            var directLoad = new LoadGenerator(direct);
            var gatewayLoad = new LoadGenerator(viaGateway);

            warmUp("direct ", directLoad, bodies);
            warmUp("gateway", gatewayLoad, bodies);
            var comparisons = new ArrayList<RateComparison>();
            for (int rate : plan.ratesPerSecond()) {
                var directRuns = new ArrayList<RateResult>();
                var gatewayRuns = new ArrayList<RateResult>();
                var gatewayCpuNanos = new ArrayList<Long>();
                for (int round = 0; round < plan.rounds(); round++) {
                    boolean directFirst = round % 2 == 0;
                    for (boolean toDirect : new boolean[] {directFirst, !directFirst}) {
                        long cpuBefore = ProcessCpu.nanos(gateway.pid());
                        RateResult result = (toDirect ? directLoad : gatewayLoad).atRate(rate, bodies, plan.windowWarmUp(), plan.window());
                        long cpu = ProcessCpu.nanos(gateway.pid()) - cpuBefore;
                        (toDirect ? directRuns : gatewayRuns).add(result);
                        if (!toDirect) {
                            gatewayCpuNanos.add(cpu);
                        }
                        progress.printf("overhead %5d/s round %d %-7s: achieved %7.1f/s p50 %6.2f ms p99 %6.2f ms (%d errors)%s%n",
                                rate, round + 1, toDirect ? "direct" : "gateway", result.achievedPerSecond(),
                                result.p50Millis(), result.p99Millis(), result.errors(), toDirect ? ""
                                        : String.format(Locale.ROOT, ", gateway CPU %.0f µs/request", cpu / 1e3 / Math.max(1, result.sent())));
                    }
                }
                var comparison = new RateComparison(rate, directRuns, gatewayRuns, gatewayCpuNanos);
                comparisons.add(comparison);
                progress.printf("overhead %5d/s added: p50 %.2f ms, p99 %.2f ms; gateway CPU %.0f µs/request (medians of %d rounds)%n",
                        rate, comparison.addedP50Millis(), comparison.addedP99Millis(),
                        comparison.medianGatewayCpuMicrosPerRequest(), plan.rounds());
            }
            return new OverheadResults(plan, gatewayReply.dimensions(), comparisons);
        }
    }

    private void warmUp(String target, LoadGenerator load, List<byte[]> bodies) {
        LoadResult result = load.run(4, bodies, 1, plan.jitWarmUp(), plan.windowWarmUp());
        progress.printf("overhead warm-up %s: 4 closed-loop clients, %.0f req/s at the end (%d errors)%n",
                target, result.requestsPerSecond(), result.errors());
    }
}
