package dev.embedgate.bench;

import dev.embedgate.bench.chat.StreamPlan;
import dev.embedgate.bench.rerank.RerankPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line of the reranking and streamed chat benchmark ({@code scripts/bench.sh --chat-rerank}): rerank
 * throughput and latency of the local cosine ranker and of a simulated remote reranker through EmbedGate beside the
 * simulator called directly; and time to first token and between tokens of streamed chat through EmbedGate beside
 * the simulator called directly and, when nginx is installed, through nginx passing the bytes through. A full run of
 * both at the default settings rewrites its section of docs/benchmarks.md; {@code --quick}, partial and tuned runs
 * never do.
 *
 * @param rerank     null when not run
 * @param chat       null when not run
 * @param gatewayJfr where every gateway records a Java Flight Recording; null for none
 * @param gatewayJvmOptions the gateways' JVM options (the simulator always runs with the launcher's)
 * @param candidate  a second gateway for the chat part; null for none
 */
public record ChatRerankBenchOptions(boolean quick, boolean docsAllowed, boolean tuned, RerankPlan rerank,
                                     StreamPlan chat, Path gatewayJfr, List<String> gatewayJvmOptions,
                                     Candidate candidate, Path dataDir, Path serverJar, Path docs, Path workDir,
                                     Path report, String command) {

    /** A second EmbedGate that takes turns in the chat part beside the first: another build, other JVM options. */
    public record Candidate(Path jar, List<String> jvmOptions) {

        public Candidate {
            jvmOptions = List.copyOf(jvmOptions);
        }

        public String description() {
            return "`" + jar.getFileName() + "` with JVM options `" + String.join(" ", jvmOptions) + "`";
        }
    }

    public static final String USAGE = """
            Usage: scripts/bench.sh --chat-rerank [options]
              --quick                  one round of short windows (about 4 minutes); never rewrites docs/benchmarks.md
              --no-docs                do not rewrite docs/benchmarks.md
              --only LIST              some of rerank,chat (implies --no-docs)
              --rounds N               measured rounds of both parts (default 3; --quick: 1)
              --jit-seconds S          load on every system before the first round (default 30; --quick: 4)
              --rerank-seconds W,M     rerank: unmeasured start and measured part of every window (default 5,15;
                                       --quick: 2,5)
              --cold-seconds W,M       rerank: the same for the cold local ranker, which takes seconds per request
                                       (default 10,30; --quick: 4,10)
              --concurrency LIST       rerank: closed-loop clients (default 1,4)
              --provider-latency MS    rerank: the simulated Cohere reranker's fixed delay per call (default 30)
              --chat-seconds S,M       chat: unmeasured start and end (S) and measured part (M) of every turn, the
                                       targets taking turns every S+M+S seconds (default: S one and a half
                                       times the longest stream in whole seconds, M twice that: 1,2 at the
                                       default pace)
              --chat-turns N           chat: turns of every target per round and stream count (default 5; --quick: 2)
              --streams LIST           chat: concurrent streams (default 50,200)
              --token-interval MS      chat: the simulated model's pause between tokens (default 15)
              --prompt-words N         chat: words of the user message on average, which the simulated model
                                       answers back a word a token; each body 0.5 to 1.5 times as many (default
                                       26: answers of 17 to 43 tokens, 30 on average)
              --stream-pause MS        chat: each client waits a random 0 to MS ms before each stream (default: the
                                       token interval; 0: streams back to back, which fall in step)
              --gateway-jfr DIR        record a Java Flight Recording of every gateway into DIR (implies --no-docs)
              --gateway-jvm-options "OPTS"
                                       the gateways' JVM options instead of the launcher's (-Xms512m
                                       -Xmx512m -XX:+UseSerialGC); the simulator keeps the launcher's (implies --no-docs)
              --server-jar PATH        the server jar (default embedgate-server/target/embedgate.jar)
              --candidate-jar PATH     chat: a second gateway from this jar takes turns with the others, to compare a
                                       change under the same machine conditions (implies --no-docs)
              --candidate-jvm-options "OPTS"
                                       chat: the same, the second gateway running with these JVM options (default:
                                       the gateways'); with or without --candidate-jar
              --data-dir PATH          folder holding corpus/ (default: -Dembedgate.data.dir, else ../shared/data)
              --docs PATH              the document to rewrite (default docs/benchmarks.md)
              --command TEXT           the command shown in the report
            --concurrency, --provider-latency, --streams, --token-interval, --prompt-words, --stream-pause,
            --gateway-jvm-options and the candidate's options imply --no-docs.
            """;

    private static final Set<String> FLAGS = Set.of("--chat-rerank", "--quick", "--no-docs");
    private static final Set<String> OPTIONS = Set.of("--only", "--rounds", "--jit-seconds", "--rerank-seconds",
            "--cold-seconds", "--concurrency", "--provider-latency", "--chat-seconds", "--chat-turns", "--streams",
            "--token-interval", "--prompt-words", "--stream-pause", "--gateway-jfr", "--gateway-jvm-options",
            "--server-jar", "--candidate-jar", "--candidate-jvm-options", "--data-dir", "--docs", "--command");
    private static final Set<String> TUNING = Set.of("--concurrency", "--provider-latency", "--streams",
            "--token-interval", "--prompt-words", "--stream-pause", "--gateway-jfr", "--gateway-jvm-options",
            "--candidate-jar", "--candidate-jvm-options");
    private static final List<String> BENCHMARKS = List.of("rerank", "chat");

    /** Documents per rerank request: the figure, and EmbedGate's default {@code rerank.maxCandidates}. */
    public static final int CANDIDATES = 100;

    public ChatRerankBenchOptions {
        gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
    }

    public boolean writesDocs() {
        return docsAllowed && !quick && !tuned && rerank != null && chat != null;
    }

    private static List<String> jvmOptions(Arguments arguments, String option, List<String> otherwise) {
        List<String> options = arguments.words(option, otherwise);
        if (options.isEmpty()) {
            throw new IllegalArgumentException(option + " needs the options, for example \"-Xmx512m -XX:+UseZGC\"");
        }
        return options;
    }

    private static Candidate candidate(Arguments arguments, Path serverJar, List<String> gatewayJvmOptions) {
        if (!arguments.has("--candidate-jar") && !arguments.has("--candidate-jvm-options")) {
            return null;
        }
        return new Candidate(arguments.path("--candidate-jar", serverJar),
                jvmOptions(arguments, "--candidate-jvm-options", gatewayJvmOptions));
    }

    public static ChatRerankBenchOptions parse(String[] args) {
        Arguments arguments = Arguments.parse(args, FLAGS, OPTIONS);
        boolean quick = arguments.has("--quick");
        Path root = BenchOptions.repositoryRoot();
        List<String> only = Arrays.stream(arguments.text("--only", String.join(",", BENCHMARKS)).split(","))
                .map(String::trim).filter(part -> !part.isEmpty()).toList();
        for (String name : only) {
            if (!BENCHMARKS.contains(name)) {
                throw new IllegalArgumentException("--only takes some of " + String.join(",", BENCHMARKS) + ", got '"
                        + name + "'");
            }
        }
        int rounds = arguments.positive("--rounds", quick ? 1 : 3);
        Duration jit = Duration.ofSeconds(arguments.positive("--jit-seconds", quick ? 4 : 30));
        List<Integer> rerankSeconds = arguments.positives("--rerank-seconds", 2, quick ? List.of(2, 5) : List.of(5, 15));
        List<Integer> coldSeconds = arguments.positives("--cold-seconds", 2, quick ? List.of(4, 10) : List.of(10, 30));
        var rerank = new RerankPlan(CANDIDATES, 10, arguments.positives("--concurrency", 0, List.of(1, 4)), rounds, jit,
                Duration.ofSeconds(rerankSeconds.get(0)), Duration.ofSeconds(rerankSeconds.get(1)),
                Duration.ofSeconds(coldSeconds.get(0)), Duration.ofSeconds(coldSeconds.get(1)),
                arguments.positive("--provider-latency", 30), 8);
        int tokenInterval = arguments.positive("--token-interval", 15);
        int promptWords = arguments.positive("--prompt-words", 26);
        int streamPause = arguments.nonNegative("--stream-pause", tokenInterval);
        // Half the longest stream again for the end of a turn: under load streams take longer than their pace says.
        int settle = (int) Math.ceil(StreamPlan.streamMillis(promptWords, tokenInterval, streamPause) * 1.5 / 1000);
        List<Integer> chatSeconds = arguments.positives("--chat-seconds", 2, List.of(settle, 2 * settle));
        var chat = new StreamPlan(arguments.positives("--streams", 0, List.of(50, 200)), rounds, jit,
                Duration.ofSeconds(chatSeconds.get(0)), Duration.ofSeconds(chatSeconds.get(1)),
                arguments.positive("--chat-turns", quick ? 2 : 5), tokenInterval, promptWords, streamPause);
        String dataProperty = System.getProperty("embedgate.data.dir");
        Path workDir = root.resolve("embedgate-bench/target/chat-rerank-bench");
        List<String> gatewayJvmOptions = jvmOptions(arguments, "--gateway-jvm-options",
                ProviderBenchOptions.LAUNCHER_JVM_OPTIONS);
        Path serverJar = arguments.path("--server-jar", root.resolve("embedgate-server/target/embedgate.jar"));
        return new ChatRerankBenchOptions(quick, !arguments.has("--no-docs") && only.size() == BENCHMARKS.size(),
                TUNING.stream().anyMatch(arguments::has),
                only.contains("rerank") ? rerank : null,
                only.contains("chat") ? chat : null,
                arguments.path("--gateway-jfr", null),
                gatewayJvmOptions, candidate(arguments, serverJar, gatewayJvmOptions),
                arguments.path("--data-dir", dataProperty != null ? Path.of(dataProperty)
                        : root.resolve("../shared/data").normalize()),
                serverJar,
                arguments.path("--docs", root.resolve("docs/benchmarks.md")), workDir,
                workDir.resolve("bench-chat-rerank-report.md"),
                arguments.text("--command", "scripts/bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args))));
    }
}
