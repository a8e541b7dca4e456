package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.store.Database;
import dev.embedgate.store.TestServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A fresh PostgreSQL schema with pgvector for one test: the operational database opened on it (as the server opens
 * it) and pgvector memory stores sharing its pool. pgvector lives in schema public, so the connections' search_path is
 * the test's schema, then public. Without pgvector the test is skipped, or fails when {@code CI=true}.
 */
final class PgVectorTestDatabase implements AutoCloseable {

    private final TestServices.Schema schema;
    private final List<Database> databases = new ArrayList<>();

    PgVectorTestDatabase() {
        schema = TestServices.pgvectorSchema();
    }

    /** A store over the schema, on a database pool of its own (closed with this). */
    PgVectorMemoryStore open(HnswSettings settings) {
        return open(settings, "");
    }

    /** As {@link #open(HnswSettings)}, its connections started with PostgreSQL settings ({@code -c name=value ...}). */
    PgVectorMemoryStore open(HnswSettings settings, String serverSettings) {
        String url = serverSettings.isEmpty() ? url()
                : url() + "&options=" + URLEncoder.encode(serverSettings, StandardCharsets.UTF_8);
        var database = Database.postgres(url, TestServices.POSTGRES_USER, null, 4);
        databases.add(database);
        return PgVectorMemoryStore.open(database, settings);
    }

    /** The pool of the last store opened. */
    DataSource dataSource() {
        return databases.getLast().dataSource();
    }

    /** A plain JDBC connection to the schema, as a caller that queries the database directly has. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), TestServices.POSTGRES_USER, null);
    }

    String url() {
        return schema.url();
    }

    @Override
    public void close() {
        databases.forEach(Database::close);
        schema.close();
    }
}
