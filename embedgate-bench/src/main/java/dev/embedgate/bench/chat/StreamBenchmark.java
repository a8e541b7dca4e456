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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Streamed chat through EmbedGate against the same requests sent directly to the simulator's OpenAI
 * {@code /v1/chat/completions} and, when nginx is installed, through nginx ({@link ReferenceProxy}): time to first
 * token and time between tokens as the client sees them, at each stream count, the targets taking turns window by
 * window (in alternating order). The simulated model answers the user
 * message back a word per chunk at a fixed pace, so every stream has the same length whichever way it goes.
 */
public record StreamBenchmark(StreamPlan plan, PrintStream progress) {

    static final String MODEL = "gpt-4o-mini";
    private static final String KEY_VARIABLE = "SIM_KEY";
    private static final String SIMULATOR_PATH = "/openai/v1/chat/completions";

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
        Optional<Path> nginx = ReferenceProxy.binary();
        if (nginx.isEmpty()) {
            progress.println("chat: nginx is not installed, so there is no reference proxy row (apt-get install "
                    + "nginx-light)");
        }
        try (Simulator simulator = jar.simulator("chat-simulator", simulatorConfig);
             ServerProcess gateway = jar.gateway("chat-gateway", Map.of(KEY_VARIABLE, Simulator.API_KEY),
                     gatewayConfig(simulator.openAiBaseUrl().toString()));
             ReferenceProxy proxy = nginx.map(binary -> ReferenceProxy.start(binary, simulator.openAiBaseUrl(),
                     jar.workDir().resolve("chat-nginx"))).orElse(null)) {
            var endpoints = new Endpoints(simulator, gateway, proxy);
            List<StreamTarget> targets = proxy == null ? List.of(StreamTarget.DIRECT, StreamTarget.GATEWAY)
                    : List.of(StreamTarget.DIRECT, StreamTarget.GATEWAY, StreamTarget.NGINX);
            StreamTiming directOnce = once(endpoints, StreamTarget.DIRECT, bodies.getFirst());
            for (StreamTarget target : targets) {
                StreamTiming timing = once(endpoints, target, bodies.getFirst());
                if (timing.tokens() != directOnce.tokens() || !timing.done()) {
                    throw new IllegalStateException("one stream: " + directOnce.tokens() + " text chunks direct, "
                            + timing.tokens() + " through " + target + " (ended with [DONE]: " + timing.done() + ")");
                }
                progress.printf("chat: %d text chunks per stream, %d ms apart; first token %s %.1f ms%n",
                        timing.tokens(), plan.tokenIntervalMillis(), target, timing.firstTokenNanos() / 1e6);
            }
            int most = plan.streams().stream().mapToInt(Integer::intValue).max().orElseThrow();
            for (StreamTarget target : targets) {
                StreamLoad.Window warm = endpoints.load(target, most, bodies, maxPause(), Duration.ZERO,
                        plan.jitWarmUp());
                progress.printf("chat warm-up %-7s: %d streams, %d measured, %d errors%s%n", target, most,
                        warm.streams(), warm.errors(),
                        warm.firstError() == null ? "" : " (first: " + warm.firstError() + ")");
            }
            var runs = new ArrayList<StreamRun>();
            for (int round = 0; round < plan.rounds(); round++) {
                for (int streams : plan.streams()) {
                    for (StreamTarget target : round % 2 == 0 ? targets : targets.reversed()) {
                        runs.add(measure(endpoints, target, streams, round + 1, bodies));
                    }
                }
            }
            return new StreamResults(plan, runs);
        }
    }

    private StreamRun measure(Endpoints endpoints, StreamTarget target, int streams, int round, List<byte[]> bodies) {
        OwnCollections collections = OwnCollections.collectThenCount();
        long proxyCpu = endpoints.proxyCpuNanos(target);
        long simulatorCpu = endpoints.simulatorCpuNanos();
        MachineCpu machine = MachineCpu.now();
        StreamLoad.Window window = endpoints.load(target, streams, bodies, maxPause(), plan.windowWarmUp(),
                plan.window());
        double tokens = Math.max(1, window.allTokens());
        proxyCpu = endpoints.proxyCpuNanos(target) - proxyCpu;
        simulatorCpu = endpoints.simulatorCpuNanos() - simulatorCpu;
        var run = new StreamRun(target, streams, round, window.firstToken().p50Millis(),
                window.firstToken().p99Millis(), window.gaps().p50Millis(), window.gaps().p99Millis(),
                window.streams() == 0 ? Double.NaN : (double) window.tokens() / window.streams(),
                window.streams(), window.gaps().count(), window.errors(), window.notDone(),
                target == StreamTarget.DIRECT ? Double.NaN : proxyCpu / 1e3 / tokens,
                simulatorCpu / 1e3 / tokens, MachineCpu.now().busyPercentSince(machine), collections.since());
        progress.printf("chat round %d %3d streams %-7s: TTFT p50 %6.2f p99 %6.2f ms, gap p50 %6.2f p99 %6.2f ms "
                        + "(%d streams, %d errors%s); CPU µs/token proxy %.1f, simulator %.1f; machine %.0f%% busy; "
                        + "%d collection(s) of the load generator%n",
                run.round(), streams, target, run.ttftP50Millis(), run.ttftP99Millis(), run.gapP50Millis(),
                run.gapP99Millis(), run.streamsMeasured(), run.errors(),
                window.firstError() == null ? "" : ", first: " + window.firstError(), run.proxyCpuMicrosPerToken(),
                run.simulatorCpuMicrosPerToken(), run.machineBusyPercent(), run.loadGeneratorCollections());
        return run;
    }

    private Duration maxPause() {
        return Duration.ofMillis(plan.maxPauseMillis());
    }

    /** Where each target's streams go, and whose CPU time counts as its proxy's. */
    private record Endpoints(Simulator simulator, ServerProcess gateway, ReferenceProxy proxy) {

        URI uri(StreamTarget target) {
            return switch (target) {
                case DIRECT -> simulator.openAiBaseUrl().resolve(SIMULATOR_PATH);
                case GATEWAY -> gateway.baseUri().resolve("/v1/chat/completions");
                case NGINX -> proxy.baseUri().resolve(SIMULATOR_PATH);
            };
        }

        /** The simulator's key for the simulator's route (directly or through nginx); EmbedGate runs keyless. */
        String apiKey(StreamTarget target) {
            return target == StreamTarget.GATEWAY ? null : Simulator.API_KEY;
        }

        StreamLoad.Window load(StreamTarget target, int streams, List<byte[]> bodies, Duration maxPause,
                               Duration warmUp, Duration window) {
            return StreamLoad.run(uri(target), apiKey(target), streams, bodies, maxPause, warmUp, window);
        }

        long proxyCpuNanos(StreamTarget target) {
            return switch (target) {
                case DIRECT -> 0;
                case GATEWAY -> ProcessCpu.nanos(gateway.pid());
                case NGINX -> proxy.cpuNanos();
            };
        }

        long simulatorCpuNanos() {
            return ProcessCpu.nanos(simulator.process().pid());
        }
    }

    private static StreamTiming once(Endpoints endpoints, StreamTarget target, byte[] body) throws IOException {
        try (var connection = new StreamConnection(endpoints.uri(target), endpoints.apiKey(target))) {
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
