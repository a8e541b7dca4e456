package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryStats;
import dev.embedgate.memory.PendingCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is missing and what is held: the memories still waiting for a vector in their namespace's active space, the
 * spaces a namespace has vectors in, and the counts per namespace and per (space, namespace), each a GROUP BY query.
 */
final class MemoryCounts {

    private final MemoryDatabase database;

    MemoryCounts(MemoryDatabase database) {
        this.database = database;
    }

    /**
     * Memories of the namespaces whose active space is the table's, without a row in it, after the cursor in
     * (namespace, id) order: one range scan of the primary key that stops after {@code limit} of them, each memory
     * looked up in the vector table's primary key on the way. (A scalar subquery, because {@code NOT EXISTS} would
     * become an anti-join that reads both tables whole before the first row.)
     */
    List<Memory> pending(SpaceTable table, PendingCursor after, int limit) {
        String sql = pendingQuery(table);
        return database.run("listing pending memories", connection -> {
            var pending = new ArrayList<Memory>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, table.space());
                select.setString(2, after == null ? "" : after.namespace());
                select.setString(3, after == null ? "" : after.id());
                select.setInt(4, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        pending.add(MemoryRows.memory(rows));
                    }
                }
            }
            return pending;
        });
    }

    /** Binds the space, the cursor's namespace and id, and the limit. */
    static String pendingQuery(SpaceTable table) {
        return "SELECT " + MemoryRows.COLUMNS + " FROM memories m"
                + " WHERE m.namespace = ANY (ARRAY(SELECT s.namespace FROM memory_namespaces s WHERE s.active_space = ?))"
                + " AND (m.namespace, m.id) > (?, ?)"
                + " AND NOT coalesce((SELECT true FROM " + table.table() + " v"
                + " WHERE v.namespace = m.namespace AND v.memory_id = m.id), false)"
                + " ORDER BY m.namespace, m.id LIMIT ?";
    }

    /** The spaces among {@code tables} that hold vectors of the namespace. */
    List<String> spaces(Collection<SpaceTable> tables, String namespace) {
        if (tables.isEmpty()) {
            return List.of();
        }
        var sql = new StringBuilder();
        for (SpaceTable table : tables) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT ?::text WHERE EXISTS (SELECT 1 FROM ")
                    .append(table.table()).append(" WHERE namespace = ?)");
        }
        return database.run("listing the spaces of a namespace", connection -> {
            var spaces = new ArrayList<String>();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int position = 1;
                for (SpaceTable table : tables) {
                    select.setString(position++, table.space());
                    select.setString(position++, namespace);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        spaces.add(rows.getString(1));
                    }
                }
            }
            return spaces;
        });
    }

    MemoryStats stats(Collection<SpaceTable> tables) {
        return database.run("counting memories", connection -> new MemoryStats(namespaces(connection, tables),
                vectors(connection, tables)));
    }

    /**
     * Memories per namespace, and those without a vector in the namespace's active space (all of them while it has
     * none).
     */
    private static List<MemoryStats.NamespaceCounts> namespaces(Connection connection, Collection<SpaceTable> tables)
            throws SQLException {
        record Counts(String activeSpace, long memories) {
        }
        var counts = new TreeMap<String, Counts>();
        query(connection, "SELECT coalesce(c.namespace, s.namespace), s.active_space, coalesce(c.memories, 0)"
                + " FROM (SELECT namespace, count(*) AS memories FROM memories GROUP BY namespace) c"
                + " FULL JOIN memory_namespaces s ON s.namespace = c.namespace", List.of(), row ->
                counts.put(row.getString(1), new Counts(row.getString(2), row.getLong(3))));
        var embedded = new HashMap<String, Long>();
        var sql = new StringBuilder();
        var parameters = new ArrayList<String>();
        for (SpaceTable table : tables) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT m.namespace, count(*) FROM memories m")
                    .append(" JOIN memory_namespaces s ON s.namespace = m.namespace AND s.active_space = ?")
                    .append(" WHERE EXISTS (SELECT 1 FROM ").append(table.table())
                    .append(" v WHERE v.namespace = m.namespace AND v.memory_id = m.id) GROUP BY m.namespace");
            parameters.add(table.space());
        }
        if (!sql.isEmpty()) {
            query(connection, sql.toString(), parameters, row -> embedded.put(row.getString(1), row.getLong(2)));
        }
        var namespaces = new ArrayList<MemoryStats.NamespaceCounts>();
        counts.forEach((namespace, each) -> namespaces.add(new MemoryStats.NamespaceCounts(namespace,
                each.activeSpace(), each.memories(), each.memories() - embedded.getOrDefault(namespace, 0L))));
        return namespaces;
    }

    /** Vectors per (space, namespace): how many, how many degraded, how many each provider made. */
    private static List<MemoryStats.SpaceCounts> vectors(Connection connection, Collection<SpaceTable> tables)
            throws SQLException {
        if (tables.isEmpty()) {
            return List.of();
        }
        var sql = new StringBuilder();
        var parameters = new ArrayList<String>();
        for (SpaceTable table : tables) {
            sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT ?::text, namespace, provider, count(*),")
                    .append(" count(*) FILTER (WHERE degraded) FROM ").append(table.table())
                    .append(" GROUP BY namespace, provider");
            parameters.add(table.space());
        }
        var counts = new ArrayList<MemoryStats.SpaceCounts>();
        query(connection, sql + " ORDER BY 1, 2", parameters, row -> {
            String space = row.getString(1);
            String namespace = row.getString(2);
            MemoryStats.SpaceCounts last = counts.isEmpty() ? null : counts.getLast();
            var byProvider = new HashMap<String, Long>();
            long vectors = row.getLong(4);
            long degraded = row.getLong(5);
            if (last != null && last.space().equals(space) && last.namespace().equals(namespace)) {
                counts.removeLast();
                byProvider.putAll(last.byProvider());
                vectors += last.vectors();
                degraded += last.degraded();
            }
            byProvider.put(row.getString(3), row.getLong(4));
            counts.add(new MemoryStats.SpaceCounts(space, namespace, vectors, degraded, byProvider));
        });
        return counts;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, List<String> parameters, RowReader reader)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            MemoryDatabase.bind(select, 1, parameters);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }
}
