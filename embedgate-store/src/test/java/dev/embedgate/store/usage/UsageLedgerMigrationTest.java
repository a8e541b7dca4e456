package dev.embedgate.store.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.Capability;
import dev.embedgate.store.Database;
import dev.embedgate.store.StoreKind;
import dev.embedgate.store.TestServices;
import dev.embedgate.usage.UsageEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Migration V2 (the ledger keyed by capability, with output tokens) on a database that V1 created and that holds
 * rows, on SQLite and on PostgreSQL: no row is lost, every old row becomes an embedding row without output tokens,
 * and the new key takes upserts.
 */
class UsageLedgerMigrationTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-30");
    private static final String MODEL = "text-embedding-3-small";

    @TempDir
    Path folder;
    private TestServices.Schema schema;
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void migratesAVersion1LedgerWithRowsToEmbeddingRowsWithoutOutputTokens(StoreKind kind) throws SQLException {
        String url = version1Database(kind);
        try (Connection connection = DriverManager.getConnection(url, user(kind), null);
             Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO usage_ledger (day, provider, model, api_key, requests, calls, tokens, "
                    + "cost_nano_usd, cache_hits, tokens_saved, saved_nano_usd) VALUES "
                    + "('2026-11-30', 'openai', '" + MODEL + "', 'key-a', 2, 3, 1500, 30000, 4, 100, 2000), "
                    + "('2026-11-30', 'cohere', '" + MODEL + "', '', 1, 1, 10, 1000, 0, 0, 0), "
                    + "('2026-12-01', 'openai', '" + MODEL + "', 'key-a', 5, 5, 7, 140, 1, 2, 40)");
        }

        database = kind == StoreKind.SQLITE ? Database.sqlite(folder) : schema.open();
        var ledger = new JdbcUsageLedger(database);

        assertThat(ledger.since(DAY)).containsExactly(
                embedding(DAY, "cohere", "", 1, 1, 10, 1000, 0, 0, 0),
                embedding(DAY, "openai", "key-a", 2, 3, 1500, 30000, 4, 100, 2000),
                embedding(DAY.plusDays(1), "openai", "key-a", 5, 5, 7, 140, 1, 2, 40));

        var chat = new UsageEntry(DAY, Capability.CHAT, "openai", MODEL, "key-a", 1, 1, 20, 30, 500, 0, 0, 0);
        ledger.add(List.of(embedding(DAY, "openai", "key-a", 1, 1, 5, 100, 0, 0, 0), chat));

        assertThat(ledger.since(DAY)).containsExactly(
                chat,
                embedding(DAY, "cohere", "", 1, 1, 10, 1000, 0, 0, 0),
                embedding(DAY, "openai", "key-a", 3, 4, 1505, 30100, 4, 100, 2000),
                embedding(DAY.plusDays(1), "openai", "key-a", 5, 5, 7, 140, 1, 2, 40));
    }

    /** An empty database migrated to V1 only; its JDBC URL. */
    private String version1Database(StoreKind kind) {
        String url;
        if (kind == StoreKind.SQLITE) {
            url = "jdbc:sqlite:" + folder.resolve(Database.SQLITE_FILE).toAbsolutePath();
        } else {
            schema = TestServices.postgresSchema();
            url = schema.url();
        }
        Flyway.configure().dataSource(url, user(kind), null).locations("classpath:db/migration").target("1").load()
                .migrate();
        return url;
    }

    private static String user(StoreKind kind) {
        return kind == StoreKind.SQLITE ? null : TestServices.POSTGRES_USER;
    }

    private static UsageEntry embedding(LocalDate day, String provider, String key, long requests, long calls,
                                        long tokens, long cost, long hits, long saved, long savedCost) {
        return new UsageEntry(day, Capability.EMBEDDING, provider, MODEL, key, requests, calls, tokens, 0, cost, hits,
                saved, savedCost);
    }
}
