package dev.embedgate.bench.migration;

import dev.embedgate.bench.memory.EmbedGateStores;
import dev.embedgate.bench.memory.MemoryBenchmark;
import dev.embedgate.bench.memory.OpenedStore;
import dev.embedgate.bench.memory.PgSchema;
import dev.embedgate.bench.memory.StoreTarget;
import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.MemoryService;
import dev.embedgate.memory.MemorySettings;
import dev.embedgate.memory.MemoryStats;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.migration.CallerLookup;
import dev.embedgate.memory.migration.MigrationSettings;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.space.ReferenceSpaces;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Backfill throughput with the local model as target, on each store: memories saved with their all-MiniLM-L6-v2
 * vectors beforehand (one namespace per migration, the same texts in each), then, in this JVM, a migration of a
 * namespace to bge-small-en-v1.5 ({@link TimedMigration}) and the raw embedder on the same texts
 * ({@link RawBackfill}) taking turns, over one {@link LocalEmbeddings} pipeline shared by both. An unmeasured raw run
 * and migration of a smaller namespace come first on each store.
 */
public final class BackfillBenchmark {

    static final String MINILM_SPACE = ReferenceSpaces.MINILM_SPACE.id();
    private static final int SEED_BATCH = 500;
    /** The server's default pool ({@code store.postgres.maxConnections}). */
    private static final int PG_CONNECTIONS = 10;

    private final BackfillPlan plan;
    private final Path workDir;
    private final PrintStream progress;

    public BackfillBenchmark(BackfillPlan plan, Path workDir, PrintStream progress) {
        this.plan = plan;
        this.workDir = workDir;
        this.progress = progress;
    }

    /**
     * @param corpus  the corpus texts
     * @param vectors their all-MiniLM-L6-v2 vectors, in the same order
     */
    public BackfillResults run(List<String> corpus, float[][] vectors) throws IOException, InterruptedException {
        var texts = new ArrayList<String>(plan.memories());
        var textVectors = new float[plan.memories()][];
        for (int i = 0; i < plan.memories(); i++) {
            int from = (int) ((long) i * corpus.size() / plan.memories()) % corpus.size();
            texts.add(corpus.get(from));
            textVectors[i] = vectors[from];
        }
        var results = new ArrayList<BackfillResult>();
        var notes = new ArrayList<String>();
        String postgres = null;
        long refusals = 0;
        try (var local = new LocalEmbeddings()) {
            var raw = new RawBackfill(local.service(), local.space(BuiltInModels.BGE_SMALL), plan.batchSize(),
                    plan.workers());
            for (String store : plan.stores()) {
                if (store.equals(BackfillPlan.LUCENE)) {
                    Path folder = MemoryBenchmark.emptyFolder(workDir.resolve("lucene-backfill"));
                    try {
                        results.add(measure(store, () -> EmbedGateStores.lucene(folder, HnswSettings.DEFAULT), () -> {
                        }, local, raw, texts, textVectors));
                    } finally {
                        MemoryBenchmark.deleteFolder(folder);
                    }
                } else {
                    PgSchema schema;
                    try {
                        schema = PgSchema.create(plan.postgresUrl(), plan.postgresUser());
                    } catch (IllegalStateException e) {
                        notes.add("pgvector store not measured: " + e.getMessage());
                        progress.println("migration backfill pgvector not measured: " + e.getMessage());
                        continue;
                    }
                    try (schema) {
                        postgres = versions(schema);
                        results.add(measure(store, () -> EmbedGateStores.pgvector(schema, HnswSettings.DEFAULT,
                                PG_CONNECTIONS), () -> vacuum(schema), local, raw, texts, textVectors));
                    }
                }
            }
            refusals = raw.refusals();
        }
        return new BackfillResults(plan, LocalEmbeddings.settings(BuiltInModels.BGE_SMALL), results, refusals, postgres,
                notes);
    }

    /**
     * Seeds the store, closes it (Lucene finishes its merges), lets {@code afterSeeding} tidy up, opens it again as
     * the server would, and measures on it.
     */
    private BackfillResult measure(String name, Supplier<OpenedStore> opener, Runnable afterSeeding,
                                   LocalEmbeddings local, RawBackfill raw, List<String> texts, float[][] vectors)
            throws InterruptedException {
        long start = System.nanoTime();
        try (OpenedStore seeding = opener.get()) {
            StoreTarget.load(seeding.store(), "warm-up", MINILM_SPACE, Arrays.copyOf(vectors, plan.warmUp()),
                    texts.subList(0, plan.warmUp()), SEED_BATCH);
            for (int round = 1; round <= plan.rounds(); round++) {
                StoreTarget.load(seeding.store(), namespace(round), MINILM_SPACE, vectors, texts, SEED_BATCH);
            }
        }
        afterSeeding.run();
        progress.printf("migration backfill %s: %,d memories saved with their all-MiniLM-L6-v2 vectors in %.1f s%n",
                name, plan.warmUp() + (long) plan.rounds() * texts.size(), (System.nanoTime() - start) / 1e9);
        try (OpenedStore opened = opener.get()) {
            MemoryStore store = opened.store();
            var settings = new MigrationSettings(plan.workers(), MigrationSettings.DEFAULTS.lease(),
                    MigrationSettings.DEFAULTS.poll(), MigrationSettings.DEFAULTS.maxAttempts(),
                    MigrationSettings.DEFAULTS.retryBackoff(), MigrationSettings.DEFAULTS.maxOutageBackoff());
            try (var memory = new MemoryService(store, local.service(), MemorySettings.DEFAULT, settings,
                    CallerLookup.ANONYMOUS, Clock.systemUTC())) {
                requireNothingPending(store);
                var migration = new TimedMigration(memory, store.migrations(), BuiltInModels.BGE_SMALL, plan.batchSize());
                report(name, raw.run(texts.subList(0, plan.warmUp()), 0));
                report(name, migration.run("warm-up", plan.warmUp(), 0));
                var runs = new ArrayList<BackfillRun>();
                for (int round = 1; round <= plan.rounds(); round++) {
                    // Every other round the migration goes first, so that neither always follows the other.
                    if (round % 2 == 1) {
                        runs.add(report(name, raw.run(texts, round)));
                        runs.add(report(name, migration.run(namespace(round), texts.size(), round)));
                    } else {
                        runs.add(report(name, migration.run(namespace(round), texts.size(), round)));
                        runs.add(report(name, raw.run(texts, round)));
                    }
                }
                return new BackfillResult(name, runs);
            }
        }
    }

    static String namespace(int round) {
        return "round-" + round;
    }

    private BackfillRun report(String store, BackfillRun run) {
        progress.printf("migration backfill %s %s: %s %,d memories in %.1f s = %.1f/s (%,d tokens)%n", store,
                run.round() == 0 ? "warm-up" : "round " + run.round(), run.system(), run.memories(), run.seconds(),
                run.memoriesPerSecond(), run.tokens());
        return run;
    }

    /** The timed part needs an idle background worker: nothing may wait for a vector in its active space. */
    private static void requireNothingPending(MemoryStore store) {
        long pending = store.stats().namespaces().stream().mapToLong(MemoryStats.NamespaceCounts::pending).sum();
        if (pending > 0) {
            throw new IllegalStateException(pending + " seeded memories lack their all-MiniLM-L6-v2 vector");
        }
    }

    /** After the bulk seeding, so that autovacuum does not pick the schema's tables up during a measurement. */
    private static void vacuum(PgSchema schema) {
        try (var connection = schema.connect(); var statement = connection.createStatement()) {
            var tables = new ArrayList<String>();
            try (var result = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '"
                    + schema.name() + "'")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            for (String table : tables) {
                statement.execute("VACUUM ANALYZE " + schema.name() + ".\"" + table.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not vacuum the schema " + schema.name() + ": " + e.getMessage(), e);
        }
    }

    private static String versions(PgSchema schema) {
        try (var connection = schema.connect(); var statement = connection.createStatement();
             var result = statement.executeQuery("SELECT current_setting('server_version'), (SELECT extversion FROM "
                     + "pg_extension WHERE extname = 'vector')")) {
            result.next();
            return "PostgreSQL " + result.getString(1) + " with pgvector " + result.getString(2);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read PostgreSQL's version: " + e.getMessage(), e);
        }
    }
}
