package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.HnswSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The registered embedding spaces ({@code memory_spaces}), each with its own vector table. Held in memory, so that
 * queries cost no registry look-up; read again when a space is asked for that is not known yet (another gateway
 * instance may have added it) and whenever every space is listed.
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
        SpaceTable table = known.get(space);
        if (table == null) {
            table = reload().get(space);
        }
        if (table == null) {
            throw new IllegalArgumentException("unknown space '" + space + "': add it to the memory store first");
        }
        return table;
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

    private static SpaceTable read(ResultSet row) throws SQLException {
        return new SpaceTable(row.getString(1), row.getString(2), row.getInt(3), VectorType.ofSqlName(row.getString(4)),
                row.getInt(5), row.getInt(6));
    }
}
