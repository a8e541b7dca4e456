package dev.embedgate.bench.memory;

import dev.embedgate.bench.providers.EmbedGateJar;
import dev.embedgate.bench.server.ServerProcess;
import dev.embedgate.memory.MemoryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Memories/s of the corpus saved into an empty store, both stores: end to end through the server's
 * {@code POST /v1/memories} (stored, embedded with the local model, vectors stored, then answered), and store only
 * ({@code save} and {@code putVectors} with the vectors computed beforehand). One client, one batch at a time.
 */
final class IngestBenchmark {

    static final String HTTP = "HTTP `POST /v1/memories`, local all-MiniLM-L6-v2";
    static final String STORE_ONLY = "store only, precomputed vectors";
    static final String LUCENE_STORE = "Lucene";
    static final String PGVECTOR_STORE = "pgvector";

    private final MemoryPlan plan;
    private final Path workDir;
    private final PrintStream progress;

    IngestBenchmark(MemoryPlan plan, Path workDir, PrintStream progress) {
        this.plan = plan;
        this.workDir = workDir;
        this.progress = progress;
    }

    /**
     * @param vectors the texts' embeddings, in their order
     * @param notes   gets a line for each path that could not be measured, saying why
     */
    List<IngestRow> run(List<String> texts, float[][] vectors, Path serverJar, List<String> notes) throws IOException {
        int count = Math.min(plan.ingestTexts(), texts.size());
        List<String> ingested = texts.subList(0, count);
        float[][] embedded = Arrays.copyOf(vectors, count);
        var rows = new ArrayList<IngestRow>();

        Path luceneFolder = MemoryBenchmark.emptyFolder(workDir.resolve("lucene-ingest"));
        try (OpenedStore lucene = EmbedGateStores.lucene(luceneFolder, plan.settings())) {
            rows.add(storeOnly(LUCENE_STORE, lucene.store(), ingested, embedded));
        } finally {
            MemoryBenchmark.deleteFolder(luceneFolder);
        }
        try (PgSchema schema = PgSchema.create(plan.postgresUrl(), plan.postgresUser());
             OpenedStore pgvector = EmbedGateStores.pgvector(schema, plan.settings(), 4)) {
            rows.add(storeOnly(PGVECTOR_STORE, pgvector.store(), ingested, embedded));
        }

        if (!Files.isRegularFile(serverJar)) {
            notes.add("ingest over HTTP: the server jar " + serverJar + " does not exist");
            progress.println("memory   ingest over HTTP not measured: no server jar at " + serverJar);
            return rows;
        }
        EmbedGateJar jar = EmbedGateJar.snapshot(serverJar, MemoryBenchmark.SERVER_JVM_OPTIONS, null,
                workDir.resolve("server"));
        // What the launcher sets besides the JVM options (see the embedgate script).
        Map<String, String> environment = Map.of("EMBEDDING_PROVIDER", "local", "MALLOC_ARENA_MAX", "2");
        try (ServerProcess server = jar.gateway("memory-lucene", environment,
                EmbedGateStores.luceneServerConfig(plan.settings()))) {
            rows.add(overHttp(LUCENE_STORE, server, ingested));
        }
        try (PgSchema schema = PgSchema.create(plan.postgresUrl(), plan.postgresUser());
             ServerProcess server = jar.gateway("memory-pgvector", environment,
                     EmbedGateStores.pgvectorServerConfig(schema, plan.settings()))) {
            rows.add(overHttp(PGVECTOR_STORE, server, ingested));
        }
        return rows;
    }

    private IngestRow storeOnly(String store, MemoryStore memoryStore, List<String> texts, float[][] vectors) {
        double seconds = StoreTarget.load(memoryStore, MemoryBenchmark.NAMESPACE, MemoryBenchmark.SPACE, vectors, texts,
                plan.ingestBatch());
        var row = new IngestRow(store, STORE_ONLY, texts.size(), seconds);
        progress.printf("memory   ingest %-8s %s: %,d memories in %.1f s, %,.0f memories/s%n", store, STORE_ONLY,
                row.memories(), row.seconds(), row.memoriesPerSecond());
        return row;
    }

    private IngestRow overHttp(String store, ServerProcess server, List<String> texts) {
        var client = new MemoriesClient(server.baseUri());
        var bodies = new ArrayList<byte[]>();
        for (int from = 0; from < texts.size(); from += plan.ingestBatch()) {
            bodies.add(client.body(MemoryBenchmark.NAMESPACE, "c", texts.subList(from,
                    Math.min(from + plan.ingestBatch(), texts.size())), from));
        }
        long start = System.nanoTime();
        try {
            for (byte[] body : bodies) {
                client.save(body);
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST /v1/memories failed: " + e.getMessage() + "; the server's log is "
                    + server.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        var row = new IngestRow(store, HTTP, texts.size(), (System.nanoTime() - start) / 1e9);
        progress.printf("memory   ingest %-8s %s: %,d memories in %.1f s, %,.0f memories/s%n", store, HTTP,
                row.memories(), row.seconds(), row.memoriesPerSecond());
        return row;
    }
}
