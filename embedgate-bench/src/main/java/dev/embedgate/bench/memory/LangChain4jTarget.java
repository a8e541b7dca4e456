package dev.embedgate.bench.memory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import dev.embedgate.memory.HnswSettings;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * LangChain4j's {@code PgVectorEmbeddingStore} over the same vectors, in a table of its own in the same schema. Its
 * builder offers only an IVFFlat index, so the HNSW index is created on its table with the same {@code m} and
 * {@code ef_construction} as EmbedGate's; its searches run outside a transaction, so {@code hnsw.ef_search} is set
 * per connection instead (a HikariCP pool of as many connections as the benchmark's clients, each starting with
 * {@code SET hnsw.ef_search}): the same value, applied once per connection rather than per query.
 */
final class LangChain4jTarget implements RecallTarget {

    static final String TABLE = "langchain4j_embeddings";

    private final HikariDataSource pool;
    private final PgVectorEmbeddingStore store;

    private LangChain4jTarget(HikariDataSource pool, PgVectorEmbeddingStore store) {
        this.pool = pool;
        this.store = store;
    }

    /**
     * Stores the vectors through {@code addAll} in batches, each with its text, then builds the HNSW index.
     *
     * @param contents the text stored with vector {@code i}
     */
    static LoadTime load(PgSchema schema, VectorSet vectors, List<String> contents, HnswSettings settings, int batch) {
        double storing;
        double indexing;
        try (HikariDataSource pool = pool(schema, 1, settings.efSearch())) {
            PgVectorEmbeddingStore store = PgVectorEmbeddingStore.datasourceBuilder().datasource(pool).table(TABLE)
                    .dimension(vectors.dimensions()).createTable(true).useIndex(false).build();
            long start = System.nanoTime();
            float[][] base = vectors.base();
            for (int from = 0; from < base.length; from += batch) {
                int to = Math.min(from + batch, base.length);
                var ids = new ArrayList<String>(to - from);
                var embeddings = new ArrayList<Embedding>(to - from);
                var segments = new ArrayList<TextSegment>(to - from);
                for (int i = from; i < to; i++) {
                    ids.add(uuid(i).toString());
                    embeddings.add(Embedding.from(base[i]));
                    segments.add(TextSegment.from(contents.get(i)));
                }
                store.addAll(ids, embeddings, segments);
            }
            storing = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            try (var connection = schema.connect(); var statement = connection.createStatement()) {
                // As pgvector's README advises for a build: enough memory for the whole graph, so it stays in memory.
                statement.execute("SET maintenance_work_mem = '1GB'");
                statement.execute("CREATE INDEX " + TABLE + "_hnsw ON " + TABLE + " USING hnsw (embedding "
                        + "vector_cosine_ops) WITH (m = " + settings.m() + ", ef_construction = "
                        + settings.efConstruction() + ")");
            } catch (SQLException e) {
                throw new IllegalStateException("could not index LangChain4j's table: " + e.getMessage(), e);
            }
            indexing = (System.nanoTime() - start) / 1e9;
        }
        return new LoadTime(MemoryBenchmark.LANGCHAIN4J, vectors.base().length, storing, indexing);
    }

    /** A target over the table {@link #load} filled, with connections for {@code concurrency} clients. */
    static RecallTarget.Opener opener(PgSchema schema, int concurrency) {
        return efSearch -> {
            HikariDataSource pool = pool(schema, concurrency, efSearch);
            PgVectorEmbeddingStore store = PgVectorEmbeddingStore.datasourceBuilder().datasource(pool).table(TABLE)
                    .createTable(false).useIndex(false).build();
            return new LangChain4jTarget(pool, store);
        };
    }

    @Override
    public String name() {
        return MemoryBenchmark.LANGCHAIN4J;
    }

    @Override
    public int[] nearest(float[] query, int k) {
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(query)).maxResults(k).build()).matches();
        int[] indexes = new int[matches.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = (int) UUID.fromString(matches.get(i).embeddingId()).getLeastSignificantBits();
        }
        return indexes;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static UUID uuid(int index) {
        return new UUID(0, index);
    }

    private static HikariDataSource pool(PgSchema schema, int connections, int efSearch) {
        var config = new HikariConfig();
        config.setJdbcUrl(schema.url());
        config.setUsername(schema.user());
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(connections);
        config.setPoolName("langchain4j-bench");
        config.setConnectionInitSql("SET hnsw.ef_search = " + efSearch);
        return new HikariDataSource(config);
    }
}
