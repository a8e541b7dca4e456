package dev.embedgate.bench.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedgate.bench.providers.EmbedGateJar;
import dev.embedgate.bench.providers.Simulator;
import dev.embedgate.bench.server.MachineCpu;
import dev.embedgate.bench.server.ProcessCpu;
import dev.embedgate.bench.server.ServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Streamed chat through EmbedGate against the same requests sent directly to the simulator's OpenAI
 * {@code /v1/chat/completions}: time to first token and time between tokens as the client sees them, at each stream
 * count, the two targets taking turns window by window (in alternating order). The simulated model answers the user
 * message back a word per chunk at a fixed pace, so every stream has the same length whichever way it goes.
 */
public record StreamBenchmark(StreamPlan plan, PrintStream progress) {

    static final String MODEL = "gpt-4o-mini";
    private static final String KEY_VARIABLE = "SIM_KEY";

    /** The gateway's configuration: the simulated OpenAI as the only provider of its chat model. */
    static String gatewayConfig(String openAiBaseUrl) {
        return """
                chat:
                  providers:
                    - {name: sim-openai, kind: openai, model: %s, baseUrl: "%s", apiKeyEnv: %s}
                  routes:
                    - {name: %s, providers: [sim-openai]}
                """.formatted(MODEL, openAiBaseUrl, KEY_VARIABLE, MODEL);
    }

    public StreamResults run(EmbedGateJar jar, List<String> corpusTexts) throws IOException {
        List<byte[]> bodies = bodies(corpusTexts, plan.promptWords());
        String simulatorConfig = "faults:\n  openai: {tokenIntervalMillis: " + plan.tokenIntervalMillis() + "}\n";
        try (Simulator simulator = jar.simulator("chat-simulator", simulatorConfig);
             ServerProcess gateway = jar.gateway("chat-gateway", Map.of(KEY_VARIABLE, Simulator.API_KEY),
                     gatewayConfig(simulator.openAiBaseUrl().toString()))) {
            URI direct = simulator.openAiBaseUrl().resolve("/openai/v1/chat/completions");
            URI viaGateway = gateway.baseUri().resolve("/v1/chat/completions");
            StreamTiming directOnce = once(direct, Simulator.API_KEY, bodies.getFirst());
            StreamTiming gatewayOnce = once(viaGateway, null, bodies.getFirst());
            if (directOnce.tokens() != gatewayOnce.tokens() || !directOnce.done() || !gatewayOnce.done()) {
                throw new IllegalStateException("one stream: " + directOnce.tokens() + " text chunks direct, "
                        + gatewayOnce.tokens() + " through EmbedGate (ended with [DONE]: " + directOnce.done() + ", "
                        + gatewayOnce.done() + ")");
            }
            progress.printf("chat: %d text chunks per stream, %d ms apart; first token direct %.1f ms, through "
                    + "EmbedGate %.1f ms%n", directOnce.tokens(), plan.tokenIntervalMillis(),
                    directOnce.firstTokenNanos() / 1e6, gatewayOnce.firstTokenNanos() / 1e6);
            int most = plan.streams().stream().mapToInt(Integer::intValue).max().orElseThrow();
            for (StreamTarget target : StreamTarget.values()) {
                StreamLoad.Window warm = load(target, direct, viaGateway, most, bodies, Duration.ZERO, plan.jitWarmUp());
                progress.printf("chat warm-up %-7s: %d streams, %d measured, %d errors%s%n", target, most,
                        warm.streams(), warm.errors(),
                        warm.firstError() == null ? "" : " (first: " + warm.firstError() + ")");
            }
            var runs = new ArrayList<StreamRun>();
            for (int round = 0; round < plan.rounds(); round++) {
                for (int streams : plan.streams()) {
                    boolean directFirst = round % 2 == 0;
                    for (StreamTarget target : directFirst ? List.of(StreamTarget.DIRECT, StreamTarget.GATEWAY)
                            : List.of(StreamTarget.GATEWAY, StreamTarget.DIRECT)) {
                        long gatewayCpu = ProcessCpu.nanos(gateway.pid());
                        long simulatorCpu = ProcessCpu.nanos(simulator.process().pid());
                        MachineCpu machine = MachineCpu.now();
                        StreamLoad.Window window = load(target, direct, viaGateway, streams, bodies,
                                plan.windowWarmUp(), plan.window());
                        double tokens = Math.max(1, window.allTokens());
                        gatewayCpu = ProcessCpu.nanos(gateway.pid()) - gatewayCpu;
                        simulatorCpu = ProcessCpu.nanos(simulator.process().pid()) - simulatorCpu;
                        var run = new StreamRun(target, streams, round + 1, window.firstToken().p50Millis(),
                                window.firstToken().p99Millis(), window.gaps().p50Millis(), window.gaps().p99Millis(),
                                window.streams() == 0 ? Double.NaN : (double) window.tokens() / window.streams(),
                                window.streams(), window.gaps().count(), window.errors(), window.notDone(),
                                target == StreamTarget.DIRECT ? Double.NaN : gatewayCpu / 1e3 / tokens,
                                simulatorCpu / 1e3 / tokens, MachineCpu.now().busyPercentSince(machine));
                        runs.add(run);
                        progress.printf("chat round %d %3d streams %-7s: TTFT p50 %6.2f p99 %6.2f ms, gap p50 %6.2f "
                                + "p99 %6.2f ms (%d streams, %d errors%s); CPU µs/token gateway %.1f, simulator %.1f; "
                                + "machine %.0f%% busy%n",
                                run.round(), streams, target, run.ttftP50Millis(), run.ttftP99Millis(),
                                run.gapP50Millis(), run.gapP99Millis(), run.streamsMeasured(), run.errors(),
                                window.firstError() == null ? "" : ", first: " + window.firstError(),
                                run.gatewayCpuMicrosPerToken(), run.simulatorCpuMicrosPerToken(),
                                run.machineBusyPercent());
                    }
                }
            }
            return new StreamResults(plan, runs);
        }
    }

    private static StreamLoad.Window load(StreamTarget target, URI direct, URI viaGateway, int streams,
                                          List<byte[]> bodies, Duration warmUp, Duration window) {
        return target == StreamTarget.DIRECT
                ? StreamLoad.run(direct, Simulator.API_KEY, streams, bodies, warmUp, window)
                : StreamLoad.run(viaGateway, null, streams, bodies, warmUp, window);
    }

    private static StreamTiming once(URI endpoint, String apiKey, byte[] body) throws IOException {
        try (var connection = new StreamConnection(endpoint, apiKey)) {
            return connection.stream(body);
        }
    }

    /** One body per corpus text of at least {@code words} words, cut to that many. */
    static List<byte[]> bodies(List<String> texts, int words) {
        var json = new ObjectMapper();
        var bodies = new ArrayList<byte[]>();
        for (String text : texts) {
            String[] split = text.trim().split("\\s+");
            if (split.length < words) {
                continue;
            }
            ObjectNode body = json.createObjectNode();
            body.put("model", MODEL);
            body.put("stream", true);
            ObjectNode message = body.putArray("messages").addObject();
            message.put("role", "user");
            message.put("content", String.join(" ", Arrays.copyOf(split, words)));
            try {
                bodies.add(json.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("no corpus text has " + words + " words");
        }
        return bodies;
    }
}
