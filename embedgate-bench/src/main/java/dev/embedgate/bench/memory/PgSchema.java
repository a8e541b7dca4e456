package dev.embedgate.bench.memory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh PostgreSQL schema for one benchmark run, dropped with everything in it on close. Its URL puts the schema
 * first on the search path and {@code public} (where the pgvector extension lives) after it.
 */
public final class PgSchema implements AutoCloseable {

    private final String serverUrl;
    private final String user;
    private final String name;

    private PgSchema(String serverUrl, String user, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.name = name;
    }

    /**
     * @param serverUrl a JDBC URL of the database, without parameters
     * @throws IllegalStateException when the database cannot be reached, or lacks the pgvector extension
     */
    public static PgSchema create(String serverUrl, String user) {
        String name = "bench_memory_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var schema = new PgSchema(serverUrl, user, name);
        try (Connection connection = DriverManager.getConnection(serverUrl, user, null);
             var statement = connection.createStatement()) {
            try (var extension = statement.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'vector'")) {
                if (!extension.next()) {
                    throw new IllegalStateException("the pgvector extension is not installed in " + serverUrl
                            + "; run scripts/provision-pgvector.sh");
                }
            }
            statement.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + serverUrl + " as " + user + ": "
                    + e.getMessage(), e);
        }
        return schema;
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    /** The URL whose connections work in this schema. */
    public String url() {
        return serverUrl + "?currentSchema=" + name + ",public";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, null);
    }

    @Override
    public void close() {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, null);
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the schema " + name + ": " + e.getMessage(), e);
        }
    }
}
