package dev.embedgate.store;

import java.io.IOException;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The services tests use on loopback: PostgreSQL (trust authentication, database {@code test}, a schema of its own
 * per test) and Redis. Tests that need one are skipped when it is unreachable, except when {@code CI=true}, where
 * they fail.
 */
public final class TestServices {

    public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";

    private TestServices() {
    }

    /**
     * A fresh, empty schema in a database with the pgvector extension (which {@code scripts/provision-pgvector.sh}
     * installs): for the memory store, and for a gateway on PostgreSQL, whose memory is there by default. Without
     * pgvector the test is skipped, or fails when {@code CI=true}.
     */
    public static Schema pgvectorSchema() {
        requirePgvector();
        return postgresSchema();
    }

    /** A fresh, empty schema; closing it drops the schema and everything in it. */
    public static Schema postgresSchema() {
        requirePostgres();
        String name = "eg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + name);
        return new Schema(name);
    }

    /**
     * @param name the schema's name
     */
    public record Schema(String name) implements AutoCloseable {

        /**
         * The JDBC URL that makes the schema current, with schema {@code public} after it on the search path: that
         * is where the pgvector extension's types live.
         */
        public String url() {
            return POSTGRES_URL + "?currentSchema=" + name + ",public";
        }

        /** The operational database in this schema, migrated. */
        public Database open() {
            return Database.postgres(url(), POSTGRES_USER, null, 4);
        }

        @Override
        public void close() {
            execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    public static void requirePostgres() {
        require("PostgreSQL", 5432);
    }

    /** The pgvector extension in database {@code test}, created there if it is installed but not yet created. */
    public static void requirePgvector() {
        requirePostgres();
        try {
            execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (IllegalStateException e) {
            String message = "the pgvector extension is missing in PostgreSQL's database 'test' (" + e.getMessage()
                    + "); run scripts/provision-pgvector.sh";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message, e);
            }
            Assumptions.abort(message);
        }
    }

    public static void requireRedis() {
        require("Redis", 6379);
    }

    private static void require(String service, int port) {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(500);
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(service + " must be reachable on 127.0.0.1:" + port + " when CI=true", e);
            }
            Assumptions.abort(service + " is not reachable on 127.0.0.1:" + port);
        }
    }

    private static void execute(String sql) {
        try (var connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
