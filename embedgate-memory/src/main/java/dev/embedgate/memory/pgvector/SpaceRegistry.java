package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.HnswSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The registered embedding spaces ({@code memory_spaces}), each with its own vector table. Held in memory, so that
 * queries cost no registry look-up; read again when a space is asked for that is not known yet (another gateway
 * instance may have added it), whenever every space is listed, and after a statement met a table another instance
 * dropped ({@link #forgetAll}).
 */
final class SpaceRegistry {

    private static final String COLUMNS = "space, table_name, dimensions, vector_type, m, ef_construction";

    private final MemoryDatabase database;
    private final HnswSettings settings;
    private final HnswIndex index;
    private volatile Map<String, SpaceTable> known = Map.of();

    SpaceRegistry(MemoryDatabase database, HnswSettings settings) {
        this.database = database;
        this.settings = settings;
        this.index = new HnswIndex(database, settings);
    }

    /** The space's table. */
    SpaceTable require(String space) {
        SpaceTable table = find(space);
        if (table == null) {
            throw new IllegalArgumentException("unknown space '" + space + "': add it to the memory store first");
        }
        return table;
    }

    /** The space's table, or null when the space is not registered. */
    SpaceTable find(String space) {
        SpaceTable table = known.get(space);
        return table != null ? table : reload().get(space);
    }

    /** Every registered space, as the database has them now. */
    Collection<SpaceTable> all() {
        return reload().values();
    }

    /** Registers the space with a vector table and its HNSW index, or checks the registered one and its index. */
    void add(String space, int dimensions) {
        VectorType type = VectorType.forDimensions(dimensions);
        SpaceTable table = known.get(space);
        if (table == null) {
            table = reload().get(space);
        }
        if (table == null) {
            table = database.transaction("adding space " + space, connection -> create(connection, space, dimensions,
                    type));
        }
        if (table.dimensions() != dimensions) {
            throw new IllegalArgumentException("space '" + space + "' is registered with " + table.dimensions()
                    + " dimensions, not " + dimensions);
        }
        remember(index.ensure(table));
    }

    /**
     * Drops the space's vector table (its index with it) and its registration, unless it is some namespace's active
     * space; the space can be added again later, with a new table.
     *
     * @return the vectors dropped; 0 when the space is unknown
     */
    long drop(String space) {
        long dropped = database.transaction("dropping space " + space, connection -> {
            SpaceTable table;
            // Locked: a namespace cannot make it active (its foreign key waits) until the drop is committed.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM memory_spaces WHERE space = ? FOR UPDATE")) {
                select.setString(1, space);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return 0L;
                    }
                    table = read(row);
                }
            }
            refuseActive(connection, space);
            long vectors;
            try (Statement statement = connection.createStatement()) {
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table.table())) {
                    row.next();
                    vectors = row.getLong(1);
                }
                statement.execute("DROP TABLE " + table.table());
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM memory_spaces WHERE space = ?")) {
                delete.setString(1, space);
                delete.executeUpdate();
            }
            return vectors;
        });
        forget(space);
        return dropped;
    }

    private static void refuseActive(Connection connection, String space) throws SQLException {
        var namespaces = new ArrayList<String>();
        try (PreparedStatement select = connection.prepareStatement("SELECT namespace FROM memory_namespaces"
                + " WHERE active_space = ? ORDER BY namespace LIMIT 6")) {
            select.setString(1, space);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    namespaces.add(rows.getString(1));
                }
            }
        }
        if (!namespaces.isEmpty()) {
            throw new IllegalStateException("space '" + space + "' is the active space of namespace "
                    + String.join(", ", namespaces.subList(0, Math.min(5, namespaces.size())))
                    + (namespaces.size() > 5 ? " and more" : "")
                    + ": switch them to another space (cut over a migration) before dropping it");
        }
    }

    private SpaceTable create(Connection connection, String space, int dimensions, VectorType type)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO memory_spaces (" + COLUMNS + ")"
                + " VALUES (?, 'memory_vectors_' || nextval('memory_space_tables'), ?, ?, ?, ?)"
                + " ON CONFLICT (space) DO NOTHING RETURNING " + COLUMNS)) {
            insert.setString(1, space);
            insert.setInt(2, dimensions);
            insert.setString(3, type.sqlName());
            insert.setInt(4, settings.m());
            insert.setInt(5, settings.efConstruction());
            try (ResultSet row = insert.executeQuery()) {
                if (!row.next()) {
                    return select(connection, space); // another instance registered it meanwhile
                }
                SpaceTable table = read(row);
                createTable(connection, table);
                index.createOnEmptyTable(connection, table);
                return table;
            }
        }
    }

    private static void createTable(Connection connection, SpaceTable table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table.table() + " ("
                    + "namespace text COLLATE \"C\" NOT NULL, "
                    + "memory_id text COLLATE \"C\" NOT NULL, "
                    + "content_hash text NOT NULL, "
                    + "embedding " + table.type().sqlName() + "(" + table.dimensions() + ") NOT NULL, "
                    + "provider text NOT NULL, "
                    + "degraded boolean NOT NULL, "
                    + "embedded_at timestamptz NOT NULL, "
                    + "PRIMARY KEY (namespace, memory_id), "
                    + "FOREIGN KEY (namespace, memory_id) REFERENCES memories (namespace, id) ON DELETE CASCADE)");
        }
    }

    private static SpaceTable select(Connection connection, String space) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM memory_spaces WHERE space = ?")) {
            select.setString(1, space);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return read(row);
            }
        }
    }

    private Map<String, SpaceTable> reload() {
        Map<String, SpaceTable> tables = database.run("reading the registered spaces", connection -> {
            var read = new HashMap<String, SpaceTable>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT " + COLUMNS + " FROM memory_spaces")) {
                while (rows.next()) {
                    SpaceTable table = read(rows);
                    read.put(table.space(), table);
                }
            }
            return read;
        });
        known = Map.copyOf(tables);
        return known;
    }

    private synchronized void remember(SpaceTable table) {
        var updated = new HashMap<>(known);
        updated.put(table.space(), table);
        known = Map.copyOf(updated);
    }

    /** Forgets every space, so that the next use reads the registry again. */
    synchronized void forgetAll() {
        known = Map.of();
    }

    private synchronized void forget(String space) {
        var updated = new HashMap<>(known);
        updated.remove(space);
        known = Map.copyOf(updated);
    }

    private static SpaceTable read(ResultSet row) throws SQLException {
        return new SpaceTable(row.getString(1), row.getString(2), row.getInt(3), VectorType.ofSqlName(row.getString(4)),
                row.getInt(5), row.getInt(6));
    }
}
