package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.ScoredMemory;
import dev.embedgate.memory.VectorQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Nearest-neighbour queries over one space's vector table, scored by cosine similarity ({@code 1 - (a <=> b)}).
 *
 * <p>An approximate query runs on the HNSW index with {@code hnsw.ef_search} set to the settings' candidates for k and
 * {@code hnsw.iterative_scan = relaxed_order}, both local to the query's transaction: the namespace and any metadata
 * filter drop candidates, and the iterative scan goes on through the graph until k rows pass them. Relaxed order finds
 * more than strict order does; the rows are put back in exact order after the scan. The settings and the query go in
 * one round trip (one implicit transaction), the query vector bound once.
 *
 * <p>The answer is exact when the filter leaves few memories: a metadata filter is first tried on a bounded exact
 * scan, which answers whenever at most {@link #exactLimit} memories match. And when the index gives fewer than k rows
 * (the iterative scan stops at {@code hnsw.max_scan_tuples}), an exact scan of what matches answers instead, so that
 * k rows come back whenever k exist.
 */
final class VectorSearch {

    /** Rows an exact scan may score for k results before the index is the cheaper way: about what HNSW visits. */
    private static final int EXACT_ROWS_PER_CANDIDATE = 20;

    private final MemoryDatabase database;
    private final HnswSettings settings;

    VectorSearch(MemoryDatabase database, HnswSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    List<ScoredMemory> nearest(SpaceTable table, VectorQuery query) {
        FilterSql filter = query.filter().matchesAll() ? null : FilterSql.of(query.filter());
        Object vector = table.type().parameter(query.vector());
        List<ScoredMemory> found = database.run("searching space " + table.space(), connection -> {
            if (filter != null) {
                List<ScoredMemory> few = exact(connection, table, query, filter, vector, exactLimit(query.k()));
                if (few != null) {
                    return few;
                }
            }
            List<ScoredMemory> approximate = approximate(connection, table, query, filter, vector);
            return approximate.size() < query.k() ? exact(connection, table, query, filter, vector, 0) : approximate;
        });
        Predicate<ScoredMemory> similarEnough = each -> each.score() >= query.minScore();
        return found.stream().filter(similarEnough).toList();
    }

    /** The most rows an exact scan scores before the filter counts as not selective. */
    int exactLimit(int k) {
        return settings.candidatesFor(k) * EXACT_ROWS_PER_CANDIDATE;
    }

    /** The HNSW answer (fewer than k rows when the iterative scan gave up), with its settings in one round trip. */
    List<ScoredMemory> approximate(Connection connection, SpaceTable table, VectorQuery query, FilterSql filter,
                                   Object vector) throws SQLException {
        String settings = "SELECT set_config('hnsw.ef_search', ?, true),"
                + " set_config('hnsw.iterative_scan', 'relaxed_order', true); ";
        try (PreparedStatement statement = connection.prepareStatement(settings + approximateQuery(table, filter))) {
            statement.setString(1, Integer.toString(this.settings.candidatesFor(query.k())));
            int next = bindCandidates(statement, 2, query, filter, vector);
            statement.setInt(next++, query.k());
            statement.setString(next, query.namespace());
            statement.execute();
            statement.getMoreResults();
            return read(statement.getResultSet());
        }
    }

    /**
     * The nearest rows by the HNSW index, re-sorted. Binds the query vector, the namespace, the filter's parameters,
     * k and the namespace again.
     */
    static String approximateQuery(SpaceTable table, FilterSql filter) {
        return "WITH nearest AS MATERIALIZED (" + candidates(table, filter) + " ORDER BY distance LIMIT ?)"
                + answer("");
    }

    /**
     * The exact nearest among the memories that match.
     *
     * @param limit when above 0, the most matches to score: null when more match
     */
    private static List<ScoredMemory> exact(Connection connection, SpaceTable table, VectorQuery query,
                                            FilterSql filter, Object vector, int limit) throws SQLException {
        String sql = "WITH matching AS MATERIALIZED (" + candidates(table, filter) + (limit > 0 ? " LIMIT ?" : "") + "),"
                + " nearest AS (SELECT * FROM matching ORDER BY distance LIMIT ?)"
                + answer(", (SELECT count(*) FROM matching)");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = bindCandidates(statement, 1, query, filter, vector);
            if (limit > 0) {
                statement.setInt(next++, limit + 1);
            }
            statement.setInt(next++, query.k());
            statement.setString(next, query.namespace());
            var found = new ArrayList<ScoredMemory>();
            long matched = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new ScoredMemory(MemoryRows.memory(rows), rows.getDouble(9)));
                    matched = rows.getLong(10);
                }
            }
            return limit > 0 && matched > limit ? null : found;
        }
    }

    /** The namespace's vectors that pass the filter, with their distance to the query vector. */
    private static String candidates(SpaceTable table, FilterSql filter) {
        String from = " FROM " + table.table() + " v";
        if (filter != null) {
            from += " JOIN memories m ON m.namespace = v.namespace AND m.id = v.memory_id";
        }
        return "SELECT v.memory_id, v.embedding <=> " + table.vectorParameter() + " AS distance" + from
                + " WHERE v.namespace = ?" + (filter == null ? "" : " AND " + filter.sql());
    }

    private static int bindCandidates(PreparedStatement statement, int first, VectorQuery query, FilterSql filter,
                                      Object vector) throws SQLException {
        statement.setObject(first, vector);
        statement.setString(first + 1, query.namespace());
        return filter == null ? first + 2 : MemoryDatabase.bind(statement, first + 2, filter.parameters());
    }

    /** The memories of {@code nearest} with their similarity and {@code extra} columns, closest first; binds the namespace. */
    private static String answer(String extra) {
        return " SELECT " + MemoryRows.COLUMNS + ", 1 - n.distance" + extra + " FROM nearest n"
                + " JOIN memories m ON m.namespace = ? AND m.id = n.memory_id ORDER BY n.distance, m.id";
    }

    private static List<ScoredMemory> read(ResultSet rows) throws SQLException {
        var found = new ArrayList<ScoredMemory>();
        try (rows) {
            while (rows.next()) {
                found.add(new ScoredMemory(MemoryRows.memory(rows), rows.getDouble(9)));
            }
        }
        return found;
    }
}
