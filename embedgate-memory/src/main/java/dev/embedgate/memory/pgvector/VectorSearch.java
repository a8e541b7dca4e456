package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.ScoredMemory;
import dev.embedgate.memory.VectorQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

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
 * scan, which answers whenever at most {@link #exactLimit} memories match (the planner cannot be trusted to see that:
 * it rarely knows how selective a jsonb condition is). And when the index gives fewer than k rows (the iterative scan
 * stops at {@code hnsw.max_scan_tuples}), an exact scan of what matches answers instead, so that k rows come back
 * whenever k exist.
 */
final class VectorSearch {

    /** Rows an exact scan reads for k results before the index is the cheaper way. */
    private static final int EXACT_ROWS_PER_CANDIDATE = 5;

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
            return approximate.size() < query.k() ? exact(connection, table, query, filter, vector, null) : approximate;
        });
        return found.stream().filter(each -> each.score() >= query.minScore()).toList();
    }

    /** The most matching memories the exact scan takes on before the filter counts as not selective. */
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
            statement.setObject(2, vector);
            int next = bindMatching(statement, 3, query, filter);
            statement.setInt(next++, query.k());
            statement.setString(next, query.namespace());
            statement.execute();
            statement.getMoreResults();
            var found = new ArrayList<ScoredMemory>();
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    found.add(new ScoredMemory(MemoryRows.memory(rows, 1), rows.getDouble(9)));
                }
            }
            return found;
        }
    }

    /**
     * The nearest rows by the HNSW index, re-sorted. Binds the query vector, the namespace, the filter's parameters,
     * k and the namespace again.
     */
    static String approximateQuery(SpaceTable table, FilterSql filter) {
        return "WITH nearest AS MATERIALIZED (SELECT v.memory_id, v.embedding <=> " + table.vectorParameter()
                + " AS distance" + matching(table, filter) + " ORDER BY distance LIMIT ?)"
                + " SELECT " + MemoryRows.COLUMNS + ", 1 - n.distance FROM nearest n"
                + " JOIN memories m ON m.namespace = ? AND m.id = n.memory_id ORDER BY n.distance, m.id";
    }

    /**
     * The exact nearest among the memories that match, or null when more than {@code limit} match (no distance is
     * computed then).
     *
     * @param limit null for no limit
     */
    private static List<ScoredMemory> exact(Connection connection, SpaceTable table, VectorQuery query,
                                            FilterSql filter, Object vector, Integer limit) throws SQLException {
        String sql = "WITH candidates AS MATERIALIZED (SELECT v.memory_id, v.embedding" + matching(table, filter)
                + " LIMIT ?), counted AS (SELECT count(*) AS matched FROM candidates),"
                + " nearest AS (SELECT memory_id, embedding <=> " + table.vectorParameter() + " AS distance"
                + " FROM candidates WHERE (SELECT matched FROM counted) <= ? ORDER BY distance LIMIT ?)"
                + " SELECT c.matched, r.* FROM counted c LEFT JOIN LATERAL (SELECT " + MemoryRows.COLUMNS
                + ", 1 - n.distance AS similarity FROM nearest n JOIN memories m ON m.namespace = ? AND m.id = n.memory_id"
                + ") r ON true ORDER BY r.similarity DESC, r.id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = bindMatching(statement, 1, query, filter);
            statement.setObject(next++, limit == null ? null : limit + 1, Types.INTEGER);
            statement.setObject(next++, vector);
            statement.setLong(next++, limit == null ? Long.MAX_VALUE : limit);
            statement.setInt(next++, query.k());
            statement.setString(next, query.namespace());
            var found = new ArrayList<ScoredMemory>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (limit != null && rows.getLong(1) > limit) {
                        return null;
                    }
                    if (rows.getString(3) != null) {
                        found.add(new ScoredMemory(MemoryRows.memory(rows, 2), rows.getDouble(10)));
                    }
                }
            }
            return found;
        }
    }

    /** FROM and WHERE: the namespace's vectors whose memories pass the filter; binds the namespace and the filter. */
    private static String matching(SpaceTable table, FilterSql filter) {
        return filter == null ? " FROM " + table.table() + " v WHERE v.namespace = ?"
                : " FROM " + table.table() + " v JOIN memories m ON m.namespace = v.namespace AND m.id = v.memory_id"
                + " WHERE v.namespace = ? AND " + filter.sql();
    }

    private static int bindMatching(PreparedStatement statement, int first, VectorQuery query, FilterSql filter)
            throws SQLException {
        statement.setString(first, query.namespace());
        return filter == null ? first + 1 : MemoryDatabase.bind(statement, first + 1, filter.parameters());
    }
}
