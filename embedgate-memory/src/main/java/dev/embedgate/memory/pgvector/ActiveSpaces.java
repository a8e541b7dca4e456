package dev.embedgate.memory.pgvector;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Each namespace's active space ({@code memory_namespaces}), and the namespaces the store knows. */
final class ActiveSpaces {

    private static final String UPSERT = "INSERT INTO memory_namespaces (namespace, active_space) VALUES (?, ?)"
            + " ON CONFLICT (namespace) DO UPDATE SET active_space = excluded.active_space";
    // The namespaces of memories by a skip scan of the primary key (one index probe per namespace, not per memory),
    // and those with only an active space.
    private static final String NAMESPACES = "WITH RECURSIVE n(namespace) AS ("
            + " (SELECT namespace FROM memories ORDER BY namespace LIMIT 1)"
            + " UNION ALL SELECT (SELECT m.namespace FROM memories m WHERE m.namespace > n.namespace"
            + " ORDER BY m.namespace LIMIT 1) FROM n WHERE n.namespace IS NOT NULL)"
            + " SELECT namespace FROM n WHERE namespace IS NOT NULL"
            + " UNION SELECT namespace FROM memory_namespaces ORDER BY 1";

    private final MemoryDatabase database;
    private final SpaceRegistry spaces;

    ActiveSpaces(MemoryDatabase database, SpaceRegistry spaces) {
        this.database = database;
        this.spaces = spaces;
    }

    Optional<String> of(String namespace) {
        return database.run("reading the active space", connection -> of(connection, namespace));
    }

    String orSet(String namespace, String space) {
        spaces.require(space);
        return database.run("setting the active space", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO memory_namespaces"
                    + " (namespace, active_space) VALUES (?, ?) ON CONFLICT (namespace) DO NOTHING")) {
                insert.setString(1, namespace);
                insert.setString(2, space);
                insert.executeUpdate();
            }
            // A later statement: it sees the row a concurrent caller committed first, which the insert waited for.
            return of(connection, namespace).orElseThrow();
        });
    }

    /** Every space that is some namespace's active space. */
    List<String> all() {
        return database.run("reading the active spaces", connection -> strings(connection,
                "SELECT DISTINCT active_space FROM memory_namespaces ORDER BY active_space"));
    }

    void set(String namespace, String space) {
        set(Map.of(namespace, space));
    }

    /** Sets every namespace's space in one transaction, after checking that every space is known. */
    void set(Map<String, String> spaceByNamespace) {
        spaceByNamespace.values().forEach(spaces::require);
        if (spaceByNamespace.isEmpty()) {
            return;
        }
        var sorted = new TreeMap<>(spaceByNamespace); // one lock order for concurrent switches
        database.transaction("setting the active spaces", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (var entry : sorted.entrySet()) {
                    upsert.setString(1, entry.getKey());
                    upsert.setString(2, entry.getValue());
                    upsert.addBatch();
                }
                return upsert.executeBatch();
            }
        });
    }

    /** Every namespace with memories or an active space, sorted. */
    List<String> namespaces() {
        return database.run("listing the namespaces", connection -> strings(connection, NAMESPACES));
    }

    private static Optional<String> of(Connection connection, String namespace) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT active_space FROM memory_namespaces WHERE namespace = ?")) {
            select.setString(1, namespace);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
