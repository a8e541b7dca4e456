package dev.embedgate.bench;

import dev.embedgate.bench.providers.FailoverPlan;
import dev.embedgate.bench.providers.OverheadPlan;
import dev.embedgate.bench.providers.RateLimitPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line of the remote-provider benchmarks ({@code scripts/bench.sh --providers}): gateway overhead,
 * failover and a Redis-shared rate limit, against the provider simulator. A full run measures all three and
 * rewrites their section of docs/benchmarks.md; {@code --quick} shortens every window and never touches the docs.
 *
 * @param overhead   null when not run
 * @param failover   null when not run
 * @param rateLimit  null when not run
 * @param jvmOptions the JVM options of the gateway and simulator processes
 * @param gatewayJfr where the gateways record Java Flight Recordings (one file each); null for none
 * @param workDir    where configs, process logs and the snapshot of the server jar go
 */
public record ProviderBenchOptions(boolean quick, boolean docsAllowed, OverheadPlan overhead, FailoverPlan failover,
                                   RateLimitPlan rateLimit, List<String> jvmOptions, Path gatewayJfr, Path dataDir,
                                   Path serverJar, Path docs, Path workDir, Path report, String command) {

    /** The launcher's ({@code ./embedgate}) JVM options: what a user's server runs with. */
    public static final List<String> LAUNCHER_JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC");

    /** {@link #LAUNCHER_JVM_OPTIONS} as a command line has them, for the reports. */
    public static String launcherJvmOptionsText() {
        return String.join(" ", LAUNCHER_JVM_OPTIONS);
    }

    public static final String USAGE = """
            Usage: scripts/bench.sh --providers [options]
              --quick                   short windows and few samples (about 2 minutes); never rewrites docs/benchmarks.md
              --no-docs                 do not rewrite docs/benchmarks.md (the report still goes to the console and target/)
              --only LIST               some of overhead,failover,rate-limit (implies --no-docs)
              --rates LIST              overhead: requests/s of the open-loop runs (default 200,1000)
              --rounds N                overhead: measured rounds per rate, each one window per target (default 5; --quick: 2)
              --overhead-seconds J,W    overhead: closed-loop JIT warm-up per target, measured window (default 15,8; --quick: 8,3)
              --failover-samples C,O    failover: requests measured with the circuit closed, open (default 40,300; --quick: 8,60)
              --rate-limit RPM          rate limit: the shared budget and the simulator's limit, requests/min (default 600)
              --rate-limit-clients N    rate limit: concurrent clients per gateway instance (default 32)
              --rate-limit-seconds W,M  rate limit: longest warm-up (until the initial bucket is spent), measured window (default 60,60;
                                        --quick: 30,20)
              --redis URL               rate limit: the Redis the instances share (default redis://127.0.0.1:6379)
              --jvm-options "OPTS"      JVM options of the gateway and simulator (default: the launcher's, -Xms512m -Xmx512m
                                        -XX:+UseSerialGC; implies --no-docs)
              --gateway-jfr DIR         record a Java Flight Recording of every gateway process into DIR (implies --no-docs)
              --server-jar PATH         the server jar (default embedgate-server/target/embedgate.jar)
              --data-dir PATH           folder holding corpus/ (default: -Dembedgate.data.dir, else ../shared/data)
              --docs PATH               the document to rewrite (default docs/benchmarks.md)
              --command TEXT            the command shown in the report
            """;

    private static final Set<String> FLAGS = Set.of("--providers", "--quick", "--no-docs");
    private static final Set<String> OPTIONS = Set.of("--only", "--rates", "--rounds", "--overhead-seconds",
            "--failover-samples", "--rate-limit", "--rate-limit-clients", "--rate-limit-seconds", "--redis",
            "--jvm-options", "--gateway-jfr", "--server-jar", "--data-dir", "--docs", "--command");
    private static final List<String> BENCHMARKS = List.of("overhead", "failover", "rate-limit");

    public ProviderBenchOptions {
        jvmOptions = List.copyOf(jvmOptions);
    }

    public boolean writesDocs() {
        return docsAllowed && !quick && overhead != null && failover != null && rateLimit != null
                && jvmOptions.equals(LAUNCHER_JVM_OPTIONS) && gatewayJfr == null;
    }

    public static ProviderBenchOptions parse(String[] args) {
        Arguments arguments = Arguments.parse(args, FLAGS, OPTIONS);
        boolean quick = arguments.has("--quick");
        Path root = BenchOptions.repositoryRoot();
        List<String> only = Arrays.stream(arguments.text("--only", String.join(",", BENCHMARKS)).split(",")).map(String::trim).toList();
        for (String name : only) {
            if (!BENCHMARKS.contains(name)) {
                throw new IllegalArgumentException("--only takes some of " + String.join(",", BENCHMARKS) + ", got '" + name + "'");
            }
        }

        List<Integer> overheadSeconds = arguments.positives("--overhead-seconds", 2, quick ? List.of(8, 3) : List.of(15, 8));
        var overhead = new OverheadPlan(arguments.positives("--rates", 0, List.of(200, 1000)),
                arguments.positive("--rounds", quick ? 2 : 5), Duration.ofSeconds(overheadSeconds.get(0)),
                Duration.ofSeconds(1), Duration.ofSeconds(overheadSeconds.get(1)));
        List<Integer> samples = arguments.positives("--failover-samples", 2, quick ? List.of(8, 60) : List.of(40, 300));
        var failover = new FailoverPlan(samples.get(0), samples.get(1), quick ? 1 : 3, 8);
        List<Integer> rateLimitSeconds = arguments.positives("--rate-limit-seconds", 2, quick ? List.of(30, 20) : List.of(60, 60));
        var rateLimit = new RateLimitPlan(arguments.positive("--rate-limit", 600), 2,
                arguments.positive("--rate-limit-clients", 32), Duration.ofSeconds(rateLimitSeconds.get(0)),
                Duration.ofSeconds(rateLimitSeconds.get(1)), arguments.text("--redis", "redis://127.0.0.1:6379"));

        String dataProperty = System.getProperty("embedgate.data.dir");
        Path workDir = root.resolve("embedgate-bench/target/provider-bench");
        return new ProviderBenchOptions(quick, !arguments.has("--no-docs"),
                only.contains("overhead") ? overhead : null,
                only.contains("failover") ? failover : null,
                only.contains("rate-limit") ? rateLimit : null,
                arguments.words("--jvm-options", LAUNCHER_JVM_OPTIONS),
                arguments.path("--gateway-jfr", null),
                arguments.path("--data-dir", dataProperty != null ? Path.of(dataProperty) : root.resolve("../shared/data").normalize()),
                arguments.path("--server-jar", root.resolve("embedgate-server/target/embedgate.jar")),
                arguments.path("--docs", root.resolve("docs/benchmarks.md")),
                workDir, workDir.resolve("bench-providers-report.md"),
                arguments.text("--command", "scripts/bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args))));
    }
}
