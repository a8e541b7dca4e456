package dev.embedgate.memory.pgvector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.migration.MigrationClaim;
import dev.embedgate.memory.migration.MigrationCounts;
import dev.embedgate.memory.migration.MigrationScope;
import dev.embedgate.memory.migration.MigrationStore;
import dev.embedgate.memory.migration.MigrationStoreContract;
import dev.embedgate.memory.migration.MigrationTotals;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared migration contract on PostgreSQL, in a fresh schema per test, and what only a database shared by several
 * gateway processes shows: their claims never overlap, and a dead process's leases are taken over.
 */
class PgVectorMigrationStoreTest extends MigrationStoreContract {

    private PgVectorTestDatabase database;

    @Override
    protected MemoryStore open() {
        if (database == null) {
            database = new PgVectorTestDatabase();
        }
        return database.open(PgVectorMemoryStoreTest.SETTINGS);
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void twoProcessesClaimingTogetherNeverGetTheSameMemoryAndTakeOverADeadOnesLeases() throws Exception {
        saveNumbered("a", 200);
        saveNumbered("b", 200);
        start("mig", List.of(), null);
        // Each "process" has its own store on its own connection pool, as two gateway instances would.
        MemoryStore other = database.open(PgVectorMemoryStoreTest.SETTINGS);
        MigrationStore[] processes = {store.migrations(), other.migrations()};
        List<Memory> dead = processes[1].claim("mig", "dead", 30, Duration.ofMillis(1_500)).memories();
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        var duplicates = new AtomicInteger();

        try (var pool = Executors.newFixedThreadPool(4)) {
            var workers = new ArrayList<Future<?>>();
            for (int w = 0; w < 4; w++) {
                MigrationStore process = processes[w % 2];
                String worker = "p" + (w % 2) + "-w" + w;
                workers.add(pool.submit(() -> {
                    while (true) {
                        MigrationClaim claim = process.claim("mig", worker, 9, Duration.ofMinutes(5));
                        if (claim.outcome() == MigrationClaim.Outcome.DONE) {
                            return null;
                        }
                        if (claim.outcome() == MigrationClaim.Outcome.WAIT) {
                            Thread.sleep(20); // the rest is leased: to the others, or to the dead worker
                        }
                        for (Memory memory : claim.memories()) {
                            if (!claimed.add(key(memory))) {
                                duplicates.incrementAndGet();
                            }
                        }
                        process.complete("mig", vectors(claim.memories()), new MigrationTotals(
                                claim.memories().size(), 0, 0, 1));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            other.close();
        }

        assertThat(duplicates).hasValue(0);
        assertThat(dead).hasSize(30);
        assertThat(claimed).hasSize(400).containsAll(dead.stream().map(PgVectorMigrationStoreTest::key).toList());
        assertThat(migrations().counts("mig")).isEqualTo(new MigrationCounts(400, 400, 0, 0));
        assertThat(migrations().find("mig").orElseThrow().totals().embedded())
                .as("the dead worker's 30 were done by the others once its lease ended").isEqualTo(400);
    }

    @Test
    void aClaimReadsThePrimaryKeysInOrderAndNeverSortsOrJoinsTheTables() throws SQLException {
        for (String namespace : List.of("a", "b", "c")) {
            List<Memory> memories = saveNumbered(namespace, 2_000);
            store.putVectors(NEW, vectors(memories.subList(0, 1_000)));
        }
        start("mig", List.of("a", "b"), null);
        assertThat(migrations().claim("mig", "w", 800, Duration.ofMinutes(5)).memories()).hasSize(800);

        try (Connection connection = database.connect()) {
            String table = Sql.tableOf(connection, NEW);
            for (String analyzed : List.of("memories", table, "memory_migration_leases")) {
                Sql.execute(connection, "ANALYZE " + analyzed);
            }
            var target = new SpaceTable(NEW, table, 384, VectorType.VECTOR, 12, 48);
            var scan = MissingMemories.unleased(target, new MigrationScope(List.of("a", "b"), NEW, null), "mig",
                    new PendingCursor("a", "m995"), 10);
            String plan = Sql.plan(connection, scan.sql(), scan.parameters().toArray());

            assertThat(plan).contains("Index Scan using memories_pkey")
                    .contains("Index Scan using " + table + "_pkey")
                    .containsPattern("Index (Only )?Scan using memory_migration_leases_\\w+ on memory_migration_leases")
                    .doesNotContain("Sort").doesNotContain("Join").doesNotContain("Seq Scan");
        }
    }

    private static String key(Memory memory) {
        return memory.namespace() + "/" + memory.id();
    }
}
