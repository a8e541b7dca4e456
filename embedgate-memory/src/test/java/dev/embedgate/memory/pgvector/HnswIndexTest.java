package dev.embedgate.memory.pgvector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.TestVectors;
import dev.embedgate.memory.VectorQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a space's HNSW index is built and rebuilt. */
class HnswIndexTest {

    private static final String SPACE = "sentence-transformers/all-MiniLM-L6-v2@main;dim=384";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private PgVectorTestDatabase database;
    private PgVectorMemoryStore store;

    @BeforeEach
    void open() {
        database = new PgVectorTestDatabase();
        store = database.open(PgVectorMemoryStoreTest.SETTINGS);
        store.addSpace(SPACE, 384);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    @Test
    void aDroppedIndexIsRebuiltConcurrentlyOverItsRowsWhileWritersGoOn() throws Exception {
        saveWithVectors(0, 200);
        try (Connection connection = database.connect(); Connection reader = database.connect();
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            String table = Sql.tableOf(connection, SPACE);
            Sql.execute(connection, "DROP INDEX " + table + "_hnsw");
            // An open transaction that writes to the table: a concurrent build waits for it to end, a plain one would
            // also lock out every writer that comes after it.
            connection.setAutoCommit(false);
            Sql.execute(connection, "LOCK TABLE " + table + " IN ROW EXCLUSIVE MODE");

            var rebuild = CompletableFuture.runAsync(() -> store.addSpace(SPACE, 384), threads);
            awaitWaitingBuild(reader, table);
            CompletableFuture.runAsync(() -> saveWithVectors(200, 1), threads).get(10, TimeUnit.SECONDS);
            assertThat(waitingBuild(reader, table)).as("the build still waits for the open transaction").isTrue();
            connection.rollback();
            rebuild.get(30, TimeUnit.SECONDS);

            assertThat(Sql.text(reader, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = to_regclass(?)",
                    table + "_hnsw")).isEqualTo("true");
            assertThat(Sql.text(reader, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = to_regclass(?)",
                    table + "_hnsw")).isEqualTo("m=12,ef_construction=48");
        }
        assertThat(store.nearest(new VectorQuery("ns", SPACE, TestVectors.unit(384, 200), 1, MemoryFilter.ALL, -1)))
                .extracting(f -> f.memory().id()).containsExactly("m200");
    }

    @Test
    void anIndexBuiltWithOtherSettingsIsKeptUntilItIsDroppedThenBuiltWithTheNewOnes() throws SQLException {
        var other = new HnswSettings(8, 32, 40);
        PgVectorMemoryStore reconfigured = database.open(other);
        reconfigured.addSpace(SPACE, 384);

        try (Connection connection = database.connect()) {
            String index = Sql.tableOf(connection, SPACE) + "_hnsw";
            assertThat(reloptions(connection, index)).isEqualTo("m=12,ef_construction=48");

            Sql.execute(connection, "DROP INDEX " + index);
            reconfigured.addSpace(SPACE, 384);

            assertThat(reloptions(connection, index)).isEqualTo("m=8,ef_construction=32");
            assertThat(Sql.text(connection, "SELECT m || ',' || ef_construction FROM memory_spaces WHERE space = ?",
                    SPACE)).isEqualTo("8,32");
        }
    }

    private void saveWithVectors(int first, int count) {
        List<Memory> memories = IntStream.range(first, first + count)
                .mapToObj(i -> Memory.saved("ns", "m" + i, "memory " + i, Metadata.EMPTY, 0.5, T0)).toList();
        store.save(memories);
        store.putVectors(SPACE, memories.stream().map(m -> new MemoryVector("ns", m.id(), m.contentHash(),
                TestVectors.unit(384, Integer.parseInt(m.id().substring(1))), "local", false, T0)).toList());
    }

    private static String reloptions(Connection connection, String index) throws SQLException {
        return Sql.text(connection, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = to_regclass(?)",
                index);
    }

    private static void awaitWaitingBuild(Connection connection, String table) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!waitingBuild(connection, table)) {
            assertThat(System.nanoTime()).as("CREATE INDEX CONCURRENTLY waiting for writers").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Whether a concurrent index build on the table is waiting for the transactions that write to it. */
    private static boolean waitingBuild(Connection connection, String table) throws SQLException {
        return "true".equals(Sql.text(connection, "SELECT (count(*) > 0)::text FROM pg_stat_progress_create_index"
                + " WHERE relid = to_regclass(?) AND command = 'CREATE INDEX CONCURRENTLY' AND phase LIKE 'waiting%'",
                table));
    }
}
