package dev.embedgate.bench;

import dev.embedgate.bench.cache.CachePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The command line of the cache benchmarks ({@code scripts/bench.sh --cache}): the cache-hit path against the
 * server's static route, and a corpus replay with Zipf-distributed repeats. A full run rewrites their section of
 * docs/benchmarks.md; {@code --quick} never does.
 */
public record CacheBenchOptions(boolean quick, boolean docsAllowed, CachePlan plan, List<String> jvmOptions,
                                Path dataDir, Path serverJar, Path docs, Path workDir, Path report, String command) {

    public static final String USAGE = """
            Usage: scripts/bench.sh --cache [options]
              --quick              short windows, a short replay (about 1 minute); never rewrites docs/benchmarks.md
              --no-docs            do not rewrite docs/benchmarks.md
              --concurrency N      closed-loop clients for both targets (default 16)
              --rounds N           measured rounds, each loading both targets in turn (default 5; --quick: 2)
              --rate N             open-loop requests/s for the latency comparison (default 1000)
              --replay N           requests of the corpus replay (default 8000, twice the corpus; --quick: 1000)
              --repeat-share X     share of replayed requests that repeat an earlier text (default 0.5)
              --jvm-options "OPTS" the gateway's JVM options (default: the launcher's; implies --no-docs)
              --server-jar PATH    the server jar (default embedgate-server/target/embedgate.jar)
              --data-dir PATH      folder holding corpus/ (default: -Dembedgate.data.dir, else ../shared/data)
              --docs PATH          the document to rewrite (default docs/benchmarks.md)
              --command TEXT       the command shown in the report
            """;

    private static final Set<String> FLAGS = Set.of("--cache", "--quick", "--no-docs");
    private static final Set<String> OPTIONS = Set.of("--concurrency", "--rounds", "--rate", "--replay", "--repeat-share",
            "--jvm-options", "--server-jar", "--data-dir", "--docs", "--command");

    public CacheBenchOptions {
        jvmOptions = List.copyOf(jvmOptions);
    }

    public boolean writesDocs() {
        return docsAllowed && !quick && jvmOptions.equals(ProviderBenchOptions.LAUNCHER_JVM_OPTIONS);
    }

    public static CacheBenchOptions parse(String[] args) {
        Arguments arguments = Arguments.parse(args, FLAGS, OPTIONS);
        boolean quick = arguments.has("--quick");
        Path root = BenchOptions.repositoryRoot();
        double repeatShare = Double.parseDouble(arguments.text("--repeat-share", "0.5"));
        if (repeatShare < 0 || repeatShare >= 1) {
            throw new IllegalArgumentException("--repeat-share must be at least 0 and below 1, got " + repeatShare);
        }
        var plan = new CachePlan(arguments.positive("--concurrency", 16), arguments.positive("--rounds", quick ? 2 : 5),
                Duration.ofSeconds(quick ? 3 : 10), Duration.ofSeconds(quick ? 2 : 5), arguments.positive("--rate", 1000),
                Duration.ofSeconds(quick ? 2 : 5), arguments.positive("--replay", quick ? 1000 : 8000), repeatShare, 1.0, 8);
        String dataProperty = System.getProperty("embedgate.data.dir");
        Path workDir = root.resolve("embedgate-bench/target/cache-bench");
        return new CacheBenchOptions(quick, !arguments.has("--no-docs"), plan,
                arguments.words("--jvm-options", ProviderBenchOptions.LAUNCHER_JVM_OPTIONS),
                arguments.path("--data-dir", dataProperty != null ? Path.of(dataProperty) : root.resolve("../shared/data").normalize()),
                arguments.path("--server-jar", root.resolve("embedgate-server/target/embedgate.jar")),
                arguments.path("--docs", root.resolve("docs/benchmarks.md")),
                workDir, workDir.resolve("bench-cache-report.md"),
                arguments.text("--command", "scripts/bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args))));
    }
}
