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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Streamed chat through EmbedGate against the same requests sent directly to the simulator's OpenAI
 * {@code /v1/chat/completions} and, when nginx is installed, through nginx ({@link ReferenceProxy}): time to first
 * token and time between tokens as the client sees them, at each stream count, the same clients taking turns between
 * the targets every few seconds ({@link TurnSchedule}). The simulated model answers the user
 * message back a word per chunk at a fixed pace, so every stream has the same length whichever way it goes.
 */
public record StreamBenchmark(StreamPlan plan, PrintStream progress) {

    static final String MODEL = "gpt-4o-mini";
    private static final long BODY_LENGTH_SEED = 26;
    private static final String KEY_VARIABLE = "SIM_KEY";
    private static final String SIMULATOR_PATH = "/openai/v1/chat/completions";
    private static final String GATEWAY_PATH = "/v1/chat/completions";
    /**
     * The simulator stands for the provider on the same cores, and a collection of its JVM stops every stream under
     * way, whichever target's turn it falls in: with the launcher's heap it collected every 2 to 3 s at 200 streams,
     * 4 to 99 ms each, and those pauses made most of the slowest 1% of first tokens of whichever target they hit. It
     * collects as every turn starts; a young generation this large holds the garbage of the turn that follows.
     */
    public static final List<String> SIMULATOR_HEAP = List.of("-Xms1536m", "-Xmx1536m", "-Xmn1g");

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

    /** @param candidate a second gateway that takes turns beside the first; null for none */
    public StreamResults run(EmbedGateJar jar, EmbedGateJar candidate, List<String> corpusTexts) throws IOException {
        List<byte[]> bodies = bodies(corpusTexts, plan.promptWords());
        String simulatorConfig = "faults:\n  openai: {tokenIntervalMillis: " + plan.tokenIntervalMillis() + "}\n";
        Optional<Path> nginx = ReferenceProxy.binary();
        if (nginx.isEmpty()) {
            progress.println("chat: nginx is not installed, so there is no reference proxy row (apt-get install "
                    + "nginx-light)");
        }
        try (Simulator simulator = jar.simulator("chat-simulator", simulatorConfig, SIMULATOR_HEAP);
             ServerProcess gateway = gateway(jar, "chat-gateway", simulator);
             ServerProcess second = candidate == null ? null : gateway(candidate, "chat-candidate", simulator);
             ReferenceProxy proxy = nginx.map(binary -> ReferenceProxy.start(binary, simulator.openAiBaseUrl(),
                     jar.workDir().resolve("chat-nginx"))).orElse(null)) {
            var endpoints = new Endpoints(simulator, gateway, second, proxy);
            var targets = new ArrayList<>(List.of(StreamTarget.DIRECT, StreamTarget.GATEWAY));
            if (proxy != null) {
                targets.add(StreamTarget.NGINX);
            }
            if (second != null) {
                targets.add(StreamTarget.CANDIDATE);
            }
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
                var warmUp = TurnSchedule.single(target, plan.jitWarmUp());
                StreamLoad.Turn warm = endpoints.load(most, bodies, maxPause(), warmUp,
                        new TargetTallies(endpoints, warmUp)).getFirst();
                progress.printf("chat warm-up %-7s: %d streams, %d measured, %d errors%s%n", target, most,
                        warm.streams(), warm.errors(),
                        warm.firstError() == null ? "" : " (first: " + warm.firstError() + ")");
            }
            var runs = new ArrayList<StreamRun>();
            for (int round = 1; round <= plan.rounds(); round++) {
                for (int streams : plan.streams()) {
                    runs.addAll(measure(endpoints, targets, streams, round, bodies));
                }
            }
            return new StreamResults(plan, runs);
        }
    }

    /** A gateway of {@code jar} with the simulated OpenAI as its chat model's provider. */
    private static ServerProcess gateway(EmbedGateJar jar, String name, Simulator simulator) throws IOException {
        return jar.gateway(name, Map.of(KEY_VARIABLE, Simulator.API_KEY),
                gatewayConfig(simulator.openAiBaseUrl().toString()));
    }

    /** One round at one stream count: the targets take turns; one run per target. */
    private List<StreamRun> measure(Endpoints endpoints, List<StreamTarget> targets, int streams, int round,
                                    List<byte[]> bodies) {
        TurnSchedule schedule = plan.schedule(targets);
        var tallies = new TargetTallies(endpoints, schedule);
        List<StreamLoad.Turn> turns = endpoints.load(streams, bodies, maxPause(), schedule, tallies);
        var runs = new ArrayList<StreamRun>();
        for (StreamTarget target : targets) {
            List<StreamLoad.Turn> own = turns.stream().filter(turn -> turn.target() == target).toList();
            StreamLoad.Turn measured = StreamLoad.Turn.together(target, own);
            Tally tally = tallies.of(target);
            double perToken = Math.max(1, measured.tokens());
            var run = new StreamRun(target, streams, round, measured.firstToken().p50Millis(),
                    measured.firstToken().p99Millis(), measured.gaps().p50Millis(), measured.gaps().p99Millis(),
                    measured.streams() == 0 ? Double.NaN : (double) measured.tokens() / measured.streams(),
                    measured.streams(), measured.gaps().count(), measured.errors(), measured.notDone(),
                    measured.overran(),
                    target == StreamTarget.DIRECT ? Double.NaN : tally.proxyCpuNanos / 1e3 / perToken,
                    tally.simulatorCpuNanos / 1e3 / perToken, tally.busyPercent(), tally.collections,
                    tally.simulatorCollections);
            progress.printf("chat round %d %3d streams %-7s: TTFT p50 %6.2f p99 %6.2f ms, gap p50 %6.2f p99 %6.2f ms "
                            + "(%d streams in %d turns, %d errors%s, %d overran their turn); CPU µs/token proxy %.1f, "
                            + "simulator %.1f; machine %.0f%% busy; collections: %d of the load generator, %d of the "
                            + "simulator%n",
                    round, streams, target, run.ttftP50Millis(), run.ttftP99Millis(), run.gapP50Millis(),
                    run.gapP99Millis(), run.streamsMeasured(), own.size(), run.errors(),
                    measured.firstError() == null ? "" : ", first: " + measured.firstError(), run.overran(),
                    run.proxyCpuMicrosPerToken(), run.simulatorCpuMicrosPerToken(), run.machineBusyPercent(),
                    run.loadGeneratorCollections(), run.simulatorCollections());
            runs.add(run);
        }
        return runs;
    }

    private Duration maxPause() {
        return Duration.ofMillis(plan.maxPauseMillis());
    }

    /** CPU time, machine time and collections (own and the simulator's) over each target's measured parts. */
    private static final class Tally {
        long proxyCpuNanos;
        long simulatorCpuNanos;
        long busyTicks;
        long totalTicks;
        long collections;
        long simulatorCollections;

        double busyPercent() {
            return totalTicks <= 0 ? Double.NaN : 100.0 * busyTicks / totalTicks;
        }
    }

    /**
     * Collects the load generator's garbage and the simulator's as every turn starts, and adds up what each measured
     * part cost to its target's {@link Tally}.
     */
    private static final class TargetTallies implements StreamLoad.TurnWatcher {
        private final Endpoints endpoints;
        private final Map<StreamTarget, Tally> tallies = new EnumMap<>(StreamTarget.class);
        private final TurnSchedule schedule;
        private long proxyCpu;
        private long simulatorCpu;
        private MachineCpu machine;
        private long collections;
        private long simulatorCollections;

        TargetTallies(Endpoints endpoints, TurnSchedule schedule) {
            this.endpoints = endpoints;
            this.schedule = schedule;
        }

        Tally of(StreamTarget target) {
            return tallies.computeIfAbsent(target, key -> new Tally());
        }

        @Override
        public void turnStarts(int turn) {
            OwnCollections.collect();
            endpoints.simulatorCollect();
        }

        @Override
        public void measuringStarts(int turn) {
            proxyCpu = endpoints.proxyCpuNanos(target(turn));
            simulatorCpu = endpoints.simulatorCpuNanos();
            machine = MachineCpu.now();
            collections = OwnCollections.count();
            simulatorCollections = endpoints.simulatorCollections();
        }

        @Override
        public void measuringEnds(int turn) {
            Tally tally = of(target(turn));
            MachineCpu now = MachineCpu.now();
            tally.proxyCpuNanos += endpoints.proxyCpuNanos(target(turn)) - proxyCpu;
            tally.simulatorCpuNanos += endpoints.simulatorCpuNanos() - simulatorCpu;
            tally.busyTicks += now.busyTicks() - machine.busyTicks();
            tally.totalTicks += now.totalTicks() - machine.totalTicks();
            tally.collections += OwnCollections.count() - collections;
            tally.simulatorCollections += endpoints.simulatorCollections() - simulatorCollections;
        }

        private StreamTarget target(int turn) {
            return schedule.turns().get(turn);
        }
    }

    /** Where each target's streams go, and whose CPU time counts as its proxy's. */
    private record Endpoints(Simulator simulator, ServerProcess gateway, ServerProcess candidate,
                             ReferenceProxy proxy) {

        URI uri(StreamTarget target) {
            return switch (target) {
                case DIRECT -> simulator.openAiBaseUrl().resolve(SIMULATOR_PATH);
                case GATEWAY -> gateway.baseUri().resolve(GATEWAY_PATH);
                case CANDIDATE -> candidate.baseUri().resolve(GATEWAY_PATH);
                case NGINX -> proxy.baseUri().resolve(SIMULATOR_PATH);
            };
        }

        /** The simulator's key for the simulator's route (directly or through nginx); EmbedGate runs keyless. */
        String apiKey(StreamTarget target) {
            return target == StreamTarget.GATEWAY || target == StreamTarget.CANDIDATE ? null : Simulator.API_KEY;
        }

        List<StreamLoad.Turn> load(int streams, List<byte[]> bodies, Duration maxPause, TurnSchedule schedule,
                                   StreamLoad.TurnWatcher watcher) {
            var all = new EnumMap<StreamTarget, StreamLoad.Endpoint>(StreamTarget.class);
            for (StreamTarget target : schedule.turns()) {
                all.put(target, new StreamLoad.Endpoint(uri(target), apiKey(target)));
            }
            return StreamLoad.run(all, streams, bodies, maxPause, schedule, watcher);
        }

        long proxyCpuNanos(StreamTarget target) {
            return switch (target) {
                case DIRECT -> 0;
                case GATEWAY -> ProcessCpu.nanos(gateway.pid());
                case CANDIDATE -> ProcessCpu.nanos(candidate.pid());
                case NGINX -> proxy.cpuNanos();
            };
        }

        long simulatorCpuNanos() {
            return ProcessCpu.nanos(simulator.process().pid());
        }

        void simulatorCollect() {
            try {
                simulator.collect();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("the simulator did not collect its garbage", e);
            }
        }

        long simulatorCollections() {
            try {
                return simulator.collections();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("the simulator did not tell its garbage collections", e);
            }
        }
    }

    private static StreamTiming once(Endpoints endpoints, StreamTarget target, byte[] body) throws IOException {
        try (var connection = new StreamConnection(endpoints.uri(target), endpoints.apiKey(target))) {
            return connection.stream(body);
        }
    }

    /**
     * One body per corpus text of at least {@link StreamPlan#longestPrompt} words, cut to a length drawn (the same
     * every run) from {@link StreamPlan#shortestPrompt} to that, {@code words} on average. Clients whose streams all
     * last alike fall in step after anything that holds them up together (a collection as a turn starts), and then
     * start their streams in herds, once per stream length, for the rest of the turn; streams of many lengths part
     * them again within a stream or two.
     */
    static List<byte[]> bodies(List<String> texts, int words) {
        var json = new ObjectMapper();
        var bodies = new ArrayList<byte[]>();
        var lengths = new Random(BODY_LENGTH_SEED);
        int shortest = StreamPlan.shortestPrompt(words);
        int longest = StreamPlan.longestPrompt(words);
        for (String text : texts) {
            String[] split = text.trim().split("\\s+");
            if (split.length < longest) {
                continue;
            }
            ObjectNode body = json.createObjectNode();
            body.put("model", MODEL);
            body.put("stream", true);
            ObjectNode message = body.putArray("messages").addObject();
            message.put("role", "user");
            int length = shortest + lengths.nextInt(longest - shortest + 1);
            message.put("content", String.join(" ", Arrays.copyOf(split, length)));
            try {
                bodies.add(json.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("no corpus text has the " + longest + " words the longest body needs "
                    + "(1.5 times --prompt-words " + words + "); lower --prompt-words");
        }
        return bodies;
    }
}
