package dev.embedgate.bench;

import dev.embedgate.bench.overload.OverloadPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The command line of the overload benchmark ({@code scripts/bench.sh --overload}): large valid requests against
 * the embedded default, the server as built beside a baseline jar. A full run with a baseline rewrites its section of
 * docs/benchmarks.md; {@code --quick} never does.
 */
public record OverloadBenchOptions(boolean quick, boolean docsAllowed, OverloadPlan plan, Path serverJar,
                                   Path baselineJar, String baselineName, Path dataDir, Path docs, Path workDir,
                                   Path report, String command) {

    public static final String USAGE = """
            Usage: scripts/bench.sh --overload [options]
              --quick                 short windows, one round; never rewrites docs/benchmarks.md
              --no-docs               do not rewrite docs/benchmarks.md
              --baseline-commit REV   also measure the server as built from git revision REV (scripts/bench.sh builds it)
              --baseline-jar PATH     also measure this server jar, side by side (what --baseline-commit passes)
              --baseline-name NAME    its name in the report (default: baseline)
              --rounds N              measured rounds (default 3; --quick: 1)
              --server-jar PATH       the server jar (default embedgate-server/target/embedgate.jar)
              --data-dir PATH         folder holding corpus/ (default: -Dembedgate.data.dir, else ../shared/data)
              --docs PATH             the document to rewrite (default docs/benchmarks.md)
              --command TEXT          the command shown in the report
            """;

    private static final Set<String> FLAGS = Set.of("--overload", "--quick", "--no-docs");
    private static final Set<String> OPTIONS = Set.of("--baseline-jar", "--baseline-name", "--rounds", "--server-jar",
            "--data-dir", "--docs", "--command");

    /** The docs are rewritten only by a full run that compares with a baseline. */
    public boolean writesDocs() {
        return docsAllowed && !quick && baselineJar != null;
    }

    public static OverloadBenchOptions parse(String[] args) {
        Arguments arguments = Arguments.parse(args, FLAGS, OPTIONS);
        boolean quick = arguments.has("--quick");
        Path root = BenchOptions.repositoryRoot();
        var plan = new OverloadPlan(arguments.positive("--rounds", quick ? 1 : 3), Duration.ofSeconds(quick ? 2 : 3),
                Duration.ofSeconds(quick ? 5 : 8), 2, 512, 1_600, 8, 2_048, 8_000, Duration.ofSeconds(20),
                Duration.ofSeconds(60));
        String dataProperty = System.getProperty("embedgate.data.dir");
        Path workDir = root.resolve("embedgate-bench/target/overload-bench");
        String baseline = arguments.text("--baseline-jar", null);
        return new OverloadBenchOptions(quick, !arguments.has("--no-docs"), plan,
                arguments.path("--server-jar", root.resolve("embedgate-server/target/embedgate.jar")),
                baseline == null ? null : Path.of(baseline), arguments.text("--baseline-name", "baseline"),
                arguments.path("--data-dir", dataProperty != null ? Path.of(dataProperty) : root.resolve("../shared/data").normalize()),
                arguments.path("--docs", root.resolve("docs/benchmarks.md")),
                workDir, workDir.resolve("bench-overload-report.md"),
                arguments.text("--command", "scripts/bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args))));
    }
}
