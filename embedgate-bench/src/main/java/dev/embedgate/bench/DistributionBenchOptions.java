package dev.embedgate.bench;

import dev.embedgate.bench.distribution.DistributionPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The command line of the distribution benchmark ({@code scripts/bench.sh --distribution}): the full jar beside the
 * slim one. A full run rewrites its section of docs/benchmarks.md; {@code --quick} never does.
 */
public record DistributionBenchOptions(boolean quick, boolean docsAllowed, DistributionPlan plan, Path serverJar,
                                       Path slimJar, Path docs, Path workDir, Path report, String command) {

    public static final String USAGE = """
            Usage: scripts/bench.sh --distribution [options]
              --quick             two starts of each system; never rewrites docs/benchmarks.md
              --no-docs           do not rewrite docs/benchmarks.md
              --starts N          starts of each system (default 5; --quick: 2)
              --requests N        requests after each start (default 20)
              --server-jar PATH   the full jar (default embedgate-server/target/embedgate.jar)
              --slim-jar PATH     the slim jar (default embedgate-slim/target/embedgate-slim.jar)
              --docs PATH         the document to rewrite (default docs/benchmarks.md)
              --command TEXT      the command shown in the report
            """;

    private static final Set<String> FLAGS = Set.of("--distribution", "--quick", "--no-docs");
    private static final Set<String> OPTIONS = Set.of("--starts", "--requests", "--server-jar", "--slim-jar", "--docs",
            "--command");

    public boolean writesDocs() {
        return docsAllowed && !quick;
    }

    public static DistributionBenchOptions parse(String[] args) {
        Arguments arguments = Arguments.parse(args, FLAGS, OPTIONS);
        boolean quick = arguments.has("--quick");
        Path root = BenchOptions.repositoryRoot();
        var plan = new DistributionPlan(arguments.positive("--starts", quick ? 2 : 5),
                arguments.positive("--requests", 20), Duration.ofSeconds(2));
        Path workDir = root.resolve("embedgate-bench/target/distribution-bench");
        return new DistributionBenchOptions(quick, !arguments.has("--no-docs"), plan,
                arguments.path("--server-jar", root.resolve("embedgate-server/target/embedgate.jar")),
                arguments.path("--slim-jar", root.resolve("embedgate-slim/target/embedgate-slim.jar")),
                arguments.path("--docs", root.resolve("docs/benchmarks.md")), workDir,
                workDir.resolve("bench-distribution-report.md"),
                arguments.text("--command", "scripts/bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args))));
    }
}
