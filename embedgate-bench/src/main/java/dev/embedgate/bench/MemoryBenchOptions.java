package dev.embedgate.bench;

import dev.embedgate.bench.memory.MemoryPlan;
import dev.embedgate.memory.HnswSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The command line of the memory benchmark ({@code scripts/bench.sh --memory}): recall and queries/s over 100,000
 * vectors for EmbedGate's Lucene and pgvector stores, the same SQL over plain JDBC and LangChain4j's pgvector store,
 * then ingest. A full run at the default sizes and settings rewrites its section of docs/benchmarks.md;
 * {@code --quick} and tuned runs never do.
 */
public record MemoryBenchOptions(boolean quick, boolean docsAllowed, boolean tuned, MemoryPlan plan, Path dataDir,
                                 Path serverJar, Path docs, Path workDir, Path report, String command) {

    public static final String USAGE = """
            Usage: scripts/bench.sh --memory [options]
              --quick                 20,000 vectors, 200 queries, short windows, no sweep, 1,000 texts ingested
                                      (about 4 minutes); never rewrites docs/benchmarks.md
              --no-docs               do not rewrite docs/benchmarks.md
              --vectors N             stored vectors (default 100000; implies --no-docs)
              --queries N             query vectors (default 1000; implies --no-docs)
              --m N                   HNSW links per node (default 16; implies --no-docs)
              --ef-construction N     HNSW candidates while building (default 100; implies --no-docs)
              --ef-search N           HNSW candidates while searching (default 100; implies --no-docs)
              --sweep N,N,...         other efSearch values measured on the same graphs (default 20,40,200)
              --no-sweep              measure the default efSearch only
              --rounds N              measured rounds at the default settings (default 5; --quick: 1)
              --window-seconds N      length of each queries/s window (default 2; --quick: 1)
              --ingest-texts N        corpus texts ingested (default: all 4,000; --quick: 1000)
              --postgres-url URL      the database (default jdbc:postgresql://127.0.0.1:5432/test)
              --postgres-user NAME    its user, trust authentication (default postgres)
              --server-jar PATH       the server jar (default embedgate-server/target/embedgate.jar)
              --data-dir PATH         folder holding corpus/ (default: -Dembedgate.data.dir, else ../shared/data)
              --docs PATH             the document to rewrite (default docs/benchmarks.md)
              --command TEXT          the command shown in the report
            Vectors, exact neighbours and the corpus's embeddings are cached in embedgate-bench/target/memory-bench.
            """;

    private static final Set<String> FLAGS = Set.of("--memory", "--quick", "--no-docs", "--no-sweep");
    private static final Set<String> OPTIONS = Set.of("--vectors", "--queries", "--m", "--ef-construction",
            "--ef-search", "--sweep", "--rounds", "--window-seconds", "--ingest-texts", "--postgres-url",
            "--postgres-user", "--server-jar", "--data-dir", "--docs", "--command");
    private static final Set<String> TUNING = Set.of("--vectors", "--queries", "--m", "--ef-construction",
            "--ef-search");

    public boolean writesDocs() {
        return docsAllowed && !quick && !tuned;
    }

    public static MemoryBenchOptions parse(String[] args) {
        Arguments arguments = Arguments.parse(args, FLAGS, OPTIONS);
        boolean quick = arguments.has("--quick");
        Path root = BenchOptions.repositoryRoot();
        HnswSettings defaults = HnswSettings.DEFAULT;
        var settings = new HnswSettings(arguments.positive("--m", defaults.m()),
                arguments.positive("--ef-construction", defaults.efConstruction()),
                arguments.positive("--ef-search", defaults.efSearch()));
        List<Integer> sweep = quick || arguments.has("--no-sweep") ? List.of()
                : arguments.positives("--sweep", 0, List.of(20, 40, 200)).stream()
                        .filter(efSearch -> efSearch != settings.efSearch()).distinct().toList();
        var plan = new MemoryPlan(arguments.positive("--vectors", quick ? 20_000 : 100_000),
                arguments.positive("--queries", quick ? 200 : 1_000), 10, settings, sweep, List.of(1, 8),
                arguments.positive("--rounds", quick ? 1 : 5),
                Duration.ofSeconds(arguments.positive("--window-seconds", quick ? 1 : 2)),
                Duration.ofSeconds(quick ? 1 : 2), 1_000,
                arguments.positive("--ingest-texts", quick ? 1_000 : Integer.MAX_VALUE), 100,
                arguments.text("--postgres-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                arguments.text("--postgres-user", "postgres"));
        String dataProperty = System.getProperty("embedgate.data.dir");
        Path workDir = root.resolve("embedgate-bench/target/memory-bench");
        return new MemoryBenchOptions(quick, !arguments.has("--no-docs"),
                TUNING.stream().anyMatch(arguments::has), plan,
                arguments.path("--data-dir", dataProperty != null ? Path.of(dataProperty) : root.resolve("../shared/data").normalize()),
                arguments.path("--server-jar", root.resolve("embedgate-server/target/embedgate.jar")),
                arguments.path("--docs", root.resolve("docs/benchmarks.md")), workDir,
                workDir.resolve("bench-memory-report.md"),
                arguments.text("--command", "scripts/bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args))));
    }
}
