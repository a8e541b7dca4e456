package dev.embedgate.bench;

import dev.embedgate.bench.migration.BackfillPlan;
import dev.embedgate.bench.migration.SharePlan;
import dev.embedgate.memory.migration.MigrationSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line of the migration benchmark ({@code scripts/bench.sh --migration}): backfill throughput to the
 * in-process bge-small-en-v1.5 against the raw embedder, on both stores; and a migration to a rate-limited simulated
 * provider beside online traffic. A full run of both at the default settings rewrites its section of
 * docs/benchmarks.md; {@code --quick}, partial and tuned runs never do.
 *
 * @param backfill    null when not run
 * @param share       null when not run
 * @param gatewayJfr  where the share measurement's gateway records a Java Flight Recording; null for none
 * @param vectorCache where the corpus's all-MiniLM-L6-v2 vectors are cached (the memory benchmark's folder)
 */
public record MigrationBenchOptions(boolean quick, boolean docsAllowed, boolean tuned, BackfillPlan backfill,
                                    SharePlan share, Path gatewayJfr, Path dataDir, Path serverJar, Path docs, Path workDir,
                                    Path vectorCache, Path report, String command) {

    public static final String USAGE = """
            Usage: scripts/bench.sh --migration [options]
              --quick                  small namespaces, one round, short windows (about 3 minutes); never rewrites
                                       docs/benchmarks.md
              --no-docs                do not rewrite docs/benchmarks.md
              --only LIST              some of backfill,share (implies --no-docs)
              --memories N             backfill: memories per migration and texts per raw run (default 800; --quick: 200)
              --batch-size N           backfill: memories per batch and texts per raw request (default 64, the
                                       migration default)
              --rounds N               backfill: raw runs and migrations each, taking turns (default 3; --quick: 1)
              --stores LIST            backfill: some of lucene,pgvector (default both; pgvector is skipped with a note
                                       when PostgreSQL or its vector extension cannot be reached)
              --postgres-url URL       backfill: the database (default jdbc:postgresql://127.0.0.1:5432/test)
              --postgres-user NAME     backfill: its user, trust authentication (default postgres)
              --rate-limit RPM         share: R, the provider's and the simulator's requests/min (default 300)
              --max-rate-share X       share: the migration's max_rate_share (default 0.8)
              --background-share X     share: the provider's backgroundShare (default 1: max_rate_share alone paces)
              --share-batch-size N     share: the migration's batch_size (default 4)
              --share-workers N        share: the gateway's memory.migrations.workers (default 2, the server's)
              --online-rate X          share: online requests/s, one text each (default 0.5: half the rest of R)
              --share-seconds S,W      share: settling time, measured window (default 10,60; --quick: 3,15)
              --share-rounds N         share: rounds, each a window without and one beside a migration (default 3;
                                       --quick: 1)
              --gateway-jfr DIR        share: record a Java Flight Recording of the gateway into DIR (implies --no-docs)
              --server-jar PATH        the server jar (default embedgate-server/target/embedgate.jar)
              --data-dir PATH          folder holding corpus/ (default: -Dembedgate.data.dir, else ../shared/data)
              --docs PATH              the document to rewrite (default docs/benchmarks.md)
              --command TEXT           the command shown in the report
            --memories, --batch-size, --stores and the share: options other than --share-rounds imply --no-docs.
            The corpus's all-MiniLM-L6-v2 vectors are cached in embedgate-bench/target/memory-bench.
            """;

    private static final Set<String> FLAGS = Set.of("--migration", "--quick", "--no-docs");
    private static final Set<String> OPTIONS = Set.of("--only", "--memories", "--batch-size", "--rounds", "--stores",
            "--postgres-url", "--postgres-user", "--rate-limit", "--max-rate-share", "--background-share",
            "--share-batch-size", "--share-workers", "--online-rate", "--share-seconds", "--share-rounds",
            "--gateway-jfr", "--server-jar", "--data-dir", "--docs", "--command");
    private static final Set<String> TUNING = Set.of("--memories", "--batch-size", "--stores", "--rate-limit",
            "--max-rate-share", "--background-share", "--share-batch-size", "--share-workers", "--online-rate",
            "--share-seconds", "--gateway-jfr");
    private static final List<String> BENCHMARKS = List.of("backfill", "share");

    public boolean writesDocs() {
        return docsAllowed && !quick && !tuned && backfill != null && share != null;
    }

    public static MigrationBenchOptions parse(String[] args) {
        Arguments arguments = Arguments.parse(args, FLAGS, OPTIONS);
        boolean quick = arguments.has("--quick");
        Path root = BenchOptions.repositoryRoot();
        List<String> only = list(arguments.text("--only", String.join(",", BENCHMARKS)));
        for (String name : only) {
            if (!BENCHMARKS.contains(name)) {
                throw new IllegalArgumentException("--only takes some of " + String.join(",", BENCHMARKS) + ", got '"
                        + name + "'");
            }
        }
        int memories = arguments.positive("--memories", quick ? 200 : 800);
        var backfill = new BackfillPlan(memories, arguments.positive("--batch-size", MigrationSettings.DEFAULT_BATCH_SIZE),
                MigrationSettings.DEFAULTS.workers(), arguments.positive("--rounds", quick ? 1 : 3),
                Math.min(quick ? 64 : 256, memories),
                list(arguments.text("--stores", BackfillPlan.LUCENE + "," + BackfillPlan.PGVECTOR)),
                arguments.text("--postgres-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                arguments.text("--postgres-user", "postgres"));
        List<Integer> seconds = arguments.positives("--share-seconds", 2, quick ? List.of(3, 15) : List.of(10, 60));
        var share = new SharePlan(arguments.positive("--rate-limit", 300),
                arguments.decimal("--max-rate-share", 1, 0.8), arguments.decimal("--background-share", 1, 1),
                arguments.positive("--share-batch-size", 4),
                arguments.positive("--share-workers", MigrationSettings.DEFAULTS.workers()),
                arguments.decimal("--online-rate", 1_000, 0.5),
                Duration.ofSeconds(seconds.get(0)), Duration.ofSeconds(seconds.get(1)),
                arguments.positive("--share-rounds", quick ? 1 : 3));
        String dataProperty = System.getProperty("embedgate.data.dir");
        Path workDir = root.resolve("embedgate-bench/target/migration-bench");
        return new MigrationBenchOptions(quick, !arguments.has("--no-docs") && only.size() == BENCHMARKS.size(),
                TUNING.stream().anyMatch(arguments::has),
                only.contains("backfill") ? backfill : null,
                only.contains("share") ? share : null,
                arguments.path("--gateway-jfr", null),
                arguments.path("--data-dir", dataProperty != null ? Path.of(dataProperty)
                        : root.resolve("../shared/data").normalize()),
                arguments.path("--server-jar", root.resolve("embedgate-server/target/embedgate.jar")),
                arguments.path("--docs", root.resolve("docs/benchmarks.md")), workDir,
                root.resolve("embedgate-bench/target/memory-bench"), workDir.resolve("bench-migration-report.md"),
                arguments.text("--command", "scripts/bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args))));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }
}
