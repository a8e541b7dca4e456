package dev.embedgate.bench.memory;

import dev.embedgate.bench.ProviderBenchOptions;
import dev.embedgate.bench.report.MachineInfo;
import dev.embedgate.space.ReferenceSpaces;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The memory benchmark, start to end: vectors derived from the corpus's embeddings and their exact neighbours;
 * EmbedGate's Lucene and pgvector stores, the pgvector store's SQL over plain JDBC and LangChain4j's pgvector store
 * loaded with them and measured side by side (recall@k, queries/s) at the plan's HNSW settings and at the sweep's
 * other {@code efSearch} values; then ingest of the corpus as memories ({@link IngestBenchmark}). Each index is built
 * once; the PostgreSQL schema and the Lucene folder are deleted at the end.
 */
public final class MemoryBenchmark {

    public static final String LUCENE = "EmbedGate, Lucene store";
    public static final String PGVECTOR = "EmbedGate, pgvector store";
    public static final String JDBC = "the same SQL over plain JDBC";
    public static final String LANGCHAIN4J = "LangChain4j PgVectorEmbeddingStore";

    /** The JVM options of the server the ingest runs against: the {@code embedgate} launcher's. */
    public static final List<String> SERVER_JVM_OPTIONS = Stream.concat(Stream.of("--add-modules",
            "jdk.incubator.vector"), ProviderBenchOptions.LAUNCHER_JVM_OPTIONS.stream()).toList();

    static final String NAMESPACE = "bench";
    static final String SPACE = ReferenceSpaces.MINILM_SPACE.id();

    private final MemoryPlan plan;
    private final Path workDir;
    private final PrintStream progress;

    public MemoryBenchmark(MemoryPlan plan, Path workDir, PrintStream progress) {
        this.plan = plan;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Whether this JVM has the Vector API, which Lucene's vector search uses when it is there. */
    public static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** How the stored vectors and queries are made, for the report. */
    public static String recipe() {
        return DerivedVectors.recipe();
    }

    public MemoryResults run(List<String> texts, Path serverJar) throws IOException {
        try (MachineLoad load = MachineLoad.watch()) {
            return run(texts, serverJar, load);
        }
    }

    private MemoryResults run(List<String> texts, Path serverJar, MachineLoad load) throws IOException {
        float[][] corpus = new CorpusEmbeddings(workDir, progress).of(texts);
        VectorSet vectors = DerivedVectors.derive(corpus, plan.baseVectors(), plan.queries());
        int[][] exact = new ExactNeighbours(workDir, progress).of(vectors, plan.k());
        List<String> contents = IntStream.range(0, vectors.base().length).mapToObj(i -> "benchmark memory " + i).toList();
        int clients = plan.concurrencies().stream().mapToInt(Integer::intValue).max().orElseThrow();

        var loads = new ArrayList<LoadTime>();
        var atDefault = new ArrayList<RecallRow>();
        var sweep = new ArrayList<RecallRow>();
        String postgres;
        String pgvector;
        int luceneSegments;
        Path luceneFolder = emptyFolder(workDir.resolve("lucene-recall"));
        try (PgSchema schema = PgSchema.create(plan.postgresUrl(), plan.postgresUser())) {
            postgres = setting(schema, "SHOW server_version");
            pgvector = setting(schema, "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
            loads.add(loaded(LUCENE, EmbedGateStores.lucene(luceneFolder, plan.settings()), vectors, contents));
            luceneSegments = LuceneSegments.count(luceneFolder);
            loads.add(loaded(PGVECTOR, EmbedGateStores.pgvector(schema, plan.settings(), clients), vectors, contents));
            LoadTime langChain4j = LangChain4jTarget.load(schema, vectors, contents, plan.settings(), plan.loadBatch());
            loads.add(langChain4j);
            progress.printf("memory   %s: %,d vectors stored in %.1f s, HNSW index built in %.1f s%n", LANGCHAIN4J,
                    langChain4j.vectors(), langChain4j.storeSeconds(), langChain4j.finishSeconds());

            List<RecallTarget.Opener> systems = List.of(
                    efSearch -> new StoreTarget(LUCENE, EmbedGateStores.lucene(luceneFolder, plan.withEfSearch(efSearch)),
                            NAMESPACE, SPACE),
                    efSearch -> new StoreTarget(PGVECTOR, EmbedGateStores.pgvector(schema, plan.withEfSearch(efSearch),
                            clients), NAMESPACE, SPACE),
                    JdbcTarget.opener(schema, NAMESPACE, SPACE, clients),
                    LangChain4jTarget.opener(schema, clients));
            var comparison = new RecallComparison(plan, progress);
            atDefault.addAll(comparison.measure(systems, vectors, exact, plan.settings().efSearch(), plan.rounds(),
                    plan.window().toMillis()));
            for (int efSearch : plan.efSearchSweep()) {
                sweep.addAll(comparison.measure(systems, vectors, exact, efSearch, 1, plan.sweepWindow().toMillis()));
            }
        } finally {
            deleteFolder(luceneFolder);
        }

        var notes = new ArrayList<String>();
        List<IngestRow> ingest = new IngestBenchmark(plan, workDir, progress).run(texts, corpus, serverJar, notes);
        var software = new MemoryResults.Software(MachineInfo.libraryVersion("lucene"), postgres, pgvector,
                MachineInfo.libraryVersion("langchain4j"), load.first(), load.highest(), load.now());
        return new MemoryResults(plan, software, vectors.dimensions(), texts.size(), loads, luceneSegments, atDefault,
                sweep, ingest, notes);
    }

    /** Stores the vectors, then closes the store (waiting for what it finishes in the background). */
    private LoadTime loaded(String system, OpenedStore opened, VectorSet vectors, List<String> contents) {
        double seconds;
        long closing;
        try (opened) {
            seconds = StoreTarget.load(opened.store(), NAMESPACE, SPACE, vectors.base(), contents, plan.loadBatch());
            closing = System.nanoTime();
        }
        double finishing = (System.nanoTime() - closing) / 1e9;
        progress.printf("memory   %s: %,d vectors stored in %.1f s (HNSW graph kept up to date), closed in %.1f s%n",
                system, vectors.base().length, seconds, finishing);
        return new LoadTime(system, vectors.base().length, seconds, finishing);
    }

    private static String setting(PgSchema schema, String query) {
        try (var connection = schema.connect(); var statement = connection.createStatement();
             var result = statement.executeQuery(query)) {
            return result.next() ? result.getString(1) : "unknown";
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    public static Path emptyFolder(Path folder) throws IOException {
        deleteFolder(folder);
        return Files.createDirectories(folder);
    }

    public static void deleteFolder(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
