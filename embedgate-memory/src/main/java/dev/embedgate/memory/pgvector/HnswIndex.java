package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.HnswSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HNSW index of a space's vector table (cosine distance, explicit {@code m} and {@code ef_construction}). A new,
 * empty table gets its index in the transaction that creates it; an index that is missing later (dropped for a bulk
 * load, or left invalid by a failed build) is built again, {@code CONCURRENTLY} when the table has rows, so that
 * writes go on while it builds.
 */
final class HnswIndex {

    private static final Logger LOG = LoggerFactory.getLogger(HnswIndex.class);

    private final MemoryDatabase database;
    private final HnswSettings settings;

    HnswIndex(MemoryDatabase database, HnswSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    /** Creates the index of a new, empty table, on the connection (and in the transaction) that creates the table. */
    void createOnEmptyTable(Connection connection, SpaceTable table) throws SQLException {
        execute(connection, createSql(table, false));
    }

    /**
     * Builds the table's index when it is missing or invalid.
     *
     * @return the table with the settings its index has now
     */
    SpaceTable ensure(SpaceTable table) {
        return database.run("building the HNSW index of " + table.space(), connection -> {
            Boolean valid = validity(connection, table);
            if (Boolean.TRUE.equals(valid)) {
                if (table.m() != settings.m() || table.efConstruction() != settings.efConstruction()) {
                    LOG.warn("Space {} keeps its HNSW index {} built with m={}, ef_construction={}; to build it with "
                                    + "the configured m={}, ef_construction={}, drop it (DROP INDEX CONCURRENTLY {}) and "
                                    + "add the space again (a restart does)", table.space(), table.index(), table.m(),
                            table.efConstruction(), settings.m(), settings.efConstruction(), table.index());
                }
                return table;
            }
            if (valid != null) {
                execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + table.index());
            }
            boolean hasRows = hasRows(connection, table);
            LOG.info("Building HNSW index {} of space {}{} (m={}, ef_construction={})", table.index(), table.space(),
                    hasRows ? " concurrently, over the vectors it holds" : "", settings.m(), settings.efConstruction());
            execute(connection, createSql(table, hasRows));
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE memory_spaces SET m = ?, ef_construction = ? WHERE space = ?")) {
                update.setInt(1, settings.m());
                update.setInt(2, settings.efConstruction());
                update.setString(3, table.space());
                update.executeUpdate();
            }
            return new SpaceTable(table.space(), table.table(), table.dimensions(), table.type(), settings.m(),
                    settings.efConstruction());
        });
    }

    private String createSql(SpaceTable table, boolean concurrently) {
        return "CREATE INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + table.index()
                + " ON " + table.table() + " USING hnsw (embedding " + table.type().cosineOps() + ")"
                + " WITH (m = " + settings.m() + ", ef_construction = " + settings.efConstruction() + ")";
    }

    /** Whether the index is valid; null when there is none. */
    private static Boolean validity(Connection connection, SpaceTable table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?)")) {
            select.setString(1, table.index());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBoolean(1) : null;
            }
        }
    }

    private static boolean hasRows(Connection connection, SpaceTable table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table.table() + ")")) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
