package dev.embedgate.store.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.embedgate.provider.Capability;
import dev.embedgate.store.Database;
import dev.embedgate.store.StoreKind;
import dev.embedgate.store.TestServices;
import dev.embedgate.usage.UsageEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The usage ledger, on SQLite and on PostgreSQL alike: rows add up, per day, capability, provider, model and key. */
class JdbcUsageLedgerTest {

    private static final LocalDate DAY = LocalDate.parse("2026-12-01");

    @TempDir
    Path folder;
    private final List<TestServices.Schema> schemas = new ArrayList<>();
    private Database database;

    @AfterEach
    void close() {
        database.close();
        schemas.forEach(TestServices.Schema::close);
    }

    private static UsageEntry entry(LocalDate day, String provider, String key, long tokens) {
        return new UsageEntry(day, Capability.EMBEDDING, provider, "text-embedding-3-small", key, 1, 1, tokens, 0,
                tokens * 20, 2, 5, 100);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void addsCountsToTheRowOfTheSameKeyAndKeepsOtherRowsApart(StoreKind kind) {
        database = kind.open(folder, schemas);
        var ledger = new JdbcUsageLedger(database);

        ledger.add(List.of(entry(DAY, "openai", "key-a", 10), entry(DAY, "openai", "", 7)));
        ledger.add(List.of(entry(DAY, "openai", "key-a", 5), entry(DAY.plusDays(1), "openai", "key-a", 1)));

        assertThat(ledger.since(DAY)).containsExactly(
                new UsageEntry(DAY, Capability.EMBEDDING, "openai", "text-embedding-3-small", "", 1, 1, 7, 0, 140, 2,
                        5, 100),
                new UsageEntry(DAY, Capability.EMBEDDING, "openai", "text-embedding-3-small", "key-a", 2, 2, 15, 0,
                        300, 4, 10, 200),
                entry(DAY.plusDays(1), "openai", "key-a", 1));
        assertThat(ledger.since(DAY.plusDays(1))).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void concurrentWritersLoseNoCount(StoreKind kind) throws Exception {
        database = kind.open(folder, schemas);
        var ledger = new JdbcUsageLedger(database);

        try (var writers = Executors.newFixedThreadPool(4)) {
            var done = new ArrayList<Future<?>>();
            for (int i = 0; i < 40; i++) {
                done.add(writers.submit(() -> ledger.add(List.of(entry(DAY, "cohere", "k", 3)))));
            }
            for (Future<?> write : done) {
                write.get();
            }
        }

        assertThat(ledger.since(DAY)).singleElement().satisfies(row -> {
            assertThat(row.requests()).isEqualTo(40);
            assertThat(row.inputTokens()).isEqualTo(120);
            assertThat(row.costNanoUsd()).isEqualTo(2400);
        });
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void rowsOfDifferentCapabilitiesStayApartAndKeepOutputTokens(StoreKind kind) {
        database = kind.open(folder, schemas);
        var ledger = new JdbcUsageLedger(database);
        var chat = new UsageEntry(DAY, Capability.CHAT, "openai", "gpt-4o-mini", "key-a", 1, 1, 300, 120, 117_000, 0,
                0, 0);
        var rerank = new UsageEntry(DAY, Capability.RERANK, "openai", "gpt-4o-mini", "key-a", 1, 2, 900, 0,
                4_000_000, 0, 0, 0);

        ledger.add(List.of(chat, rerank, entry(DAY, "openai", "key-a", 10)));
        ledger.add(List.of(chat));

        assertThat(ledger.since(DAY)).containsExactlyInAnyOrder(
                entry(DAY, "openai", "key-a", 10),
                new UsageEntry(DAY, Capability.CHAT, "openai", "gpt-4o-mini", "key-a", 2, 2, 600, 240, 234_000, 0, 0,
                        0),
                rerank);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void durableWritesAddUpLikeOthersAndLeaveTheConnectionsAsTheyWere(StoreKind kind) throws SQLException {
        database = kind.open(folder, schemas);
        var ledger = new JdbcUsageLedger(database);

        ledger.addDurably(List.of(entry(DAY, "openai", "key-a", 10)));
        ledger.add(List.of(entry(DAY, "openai", "key-a", 5)));
        ledger.addDurably(List.of(entry(DAY, "openai", "key-a", 1), entry(DAY, "cohere", "key-a", 2)));

        assertThat(ledger.since(DAY)).extracting(UsageEntry::provider, UsageEntry::requests, UsageEntry::inputTokens)
                .containsExactly(tuple("cohere", 1L, 2L), tuple("openai", 3L, 16L));
        // The pool hands this thread the connection it used last: the one the durable write synced.
        try (Connection connection = database.connection(); Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery(kind == StoreKind.SQLITE ? "PRAGMA synchronous"
                     : "SHOW synchronous_commit")) {
            setting.next();
            assertThat(setting.getString(1)).isEqualTo(kind == StoreKind.SQLITE ? "1" : "on");
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }
}
