package dev.embedgate.memory.pgvector;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The memory store's schema: the pgvector extension, then the store's own Flyway migrations
 * ({@value #LOCATION}) with their own history table ({@value #HISTORY}), beside the operational tables' migrations in
 * the same database and schema, and never run on SQLite.
 */
final class PgVectorSchema {

    static final String LOCATION = "classpath:db/memory/postgresql";
    static final String HISTORY = "flyway_memory_history";
    /** The first pgvector with iterative index scans ({@code hnsw.iterative_scan}). */
    static final String MINIMUM_VERSION = "0.8.0";

    private PgVectorSchema() {
    }

    /** Makes sure pgvector can be used, then migrates the store's tables to the current version. */
    static void migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            requireVectorType(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("memory store (PostgreSQL): checking for pgvector failed: " + e.getMessage(),
                    e);
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY)
                // The schema already holds the operational tables: start this history before the first version.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    private static void requireVectorType(Connection connection) throws SQLException {
        Extension extension = extension(connection);
        if (extension == null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            } catch (SQLException e) {
                throw new IllegalStateException("the PostgreSQL database has no pgvector extension and it could not be "
                        + "created (" + e.getMessage() + "): install pgvector on the server (scripts/"
                        + "provision-pgvector.sh builds it on Debian) and run CREATE EXTENSION vector as a superuser",
                        e);
            }
            extension = extension(connection);
        }
        if (!atLeast(extension.version(), MINIMUM_VERSION)) {
            throw new IllegalStateException("pgvector " + extension.version() + " is too old: the memory store needs "
                    + MINIMUM_VERSION + " or later (iterative index scans); ALTER EXTENSION vector UPDATE after "
                    + "installing a newer pgvector");
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT to_regtype('vector') IS NOT NULL")) {
            row.next();
            if (!row.getBoolean(1)) {
                throw new IllegalStateException("pgvector is installed in schema '" + extension.schema() + "', which "
                        + "is not on the connection's search_path: add it (for example currentSchema=yours,"
                        + extension.schema() + " in the JDBC URL)");
            }
        }
    }

    private record Extension(String schema, String version) {
    }

    /** The extension as created in this database, or null. */
    private static Extension extension(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT n.nspname, e.extversion FROM pg_extension e"
                     + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector'")) {
            return row.next() ? new Extension(row.getString(1), row.getString(2)) : null;
        }
    }

    /** Whether a dotted version ({@code 0.8.0}) is at least {@code minimum}. */
    static boolean atLeast(String version, String minimum) {
        String[] have = version.split("\\.");
        String[] want = minimum.split("\\.");
        for (int i = 0; i < want.length; i++) {
            String digits = i < have.length ? have[i].replaceAll("\\D.*", "") : "";
            int part = digits.isEmpty() ? 0 : Integer.parseInt(digits);
            int wanted = Integer.parseInt(want[i]);
            if (part != wanted) {
                return part > wanted;
            }
        }
        return true;
    }
}
