package dev.embedgate.bench.memory;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.regex.Pattern;

/**
 * The pgvector store's search without the store: the statement {@code PgVectorMemoryStore.nearest} runs for a query
 * with no metadata filter ({@code VectorSearch.approximate}: {@code hnsw.ef_search} and {@code hnsw.iterative_scan}
 * set local to the implicit transaction, then the nearest rows by the HNSW index joined to their memories, all in one
 * round trip), sent over plain JDBC to the store's own table and index. Connections are opened up front, each with
 * the statement prepared; a query takes the free one used last (as HikariCP hands out connections, so that one client
 * keeps one warm server process rather than going round all of them). Only the ids are read from the answer.
 */
final class JdbcTarget implements RecallTarget {

    private static final Pattern VECTOR_TABLE = Pattern.compile("memory_vectors_[0-9]+");

    private record Session(Connection connection, PreparedStatement statement) {
    }

    private final BlockingDeque<Session> sessions;
    private final List<Session> all;
    private final String namespace;
    private final int efSearch;

    private JdbcTarget(List<Session> all, String namespace, int efSearch) {
        this.sessions = new LinkedBlockingDeque<>(all);
        this.all = all;
        this.namespace = namespace;
        this.efSearch = efSearch;
    }

    /** A target over the vector table the pgvector store made for {@code space} in the schema. */
    static RecallTarget.Opener opener(PgSchema schema, String namespace, String space, int connections) {
        return efSearch -> {
            var sessions = new ArrayList<Session>(connections);
            try {
                String sql = sql(vectorTable(schema, space));
                for (int i = 0; i < connections; i++) {
                    Connection connection = schema.connect();
                    sessions.add(new Session(connection, connection.prepareStatement(sql)));
                }
                return new JdbcTarget(sessions, namespace, efSearch);
            } catch (SQLException e) {
                var failure = new IllegalStateException("could not prepare the JDBC target: " + e.getMessage(), e);
                try {
                    closeAll(sessions);
                } catch (IllegalStateException closing) {
                    failure.addSuppressed(closing);
                }
                throw failure;
            }
        };
    }

    /**
     * The store's statement: {@code VectorSearch.approximate}'s settings prefix and {@code approximateQuery} with no
     * filter, {@code MemoryRows.COLUMNS} for the memory's columns. Parameters: the candidates (ef_search), the query
     * vector, the namespace, k, the namespace again.
     */
    static String sql(String vectorTable) {
        return "SELECT set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', 'relaxed_order', true); "
                + "WITH nearest AS MATERIALIZED (SELECT v.memory_id, v.embedding <=> ?::vector AS distance FROM "
                + vectorTable + " v WHERE v.namespace = ? ORDER BY distance LIMIT ?)"
                + " SELECT m.namespace, m.id, m.content, m.metadata, m.importance, m.created_at, m.updated_at,"
                + " m.content_hash, 1 - n.distance FROM nearest n"
                + " JOIN memories m ON m.namespace = ? AND m.id = n.memory_id ORDER BY n.distance, m.id";
    }

    @Override
    public String name() {
        return MemoryBenchmark.JDBC;
    }

    @Override
    public int[] nearest(float[] query, int k) {
        Session session = take();
        try {
            PreparedStatement statement = session.statement();
            statement.setString(1, Integer.toString(Math.max(k, efSearch)));
            statement.setObject(2, new PGvector(query));
            statement.setString(3, namespace);
            statement.setInt(4, k);
            statement.setString(5, namespace);
            statement.execute();
            statement.getMoreResults();
            var indexes = new int[k];
            int found = 0;
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next() && found < k) {
                    indexes[found++] = VectorSet.index(rows.getString(2));
                }
            }
            return found == k ? indexes : Arrays.copyOf(indexes, found);
        } catch (SQLException e) {
            throw new IllegalStateException("the JDBC search failed: " + e.getMessage(), e);
        } finally {
            sessions.addFirst(session);
        }
    }

    @Override
    public void close() {
        closeAll(all);
    }

    private Session take() {
        try {
            return sessions.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The table the store registered for the space; checked, since it is spliced into the statement. */
    private static String vectorTable(PgSchema schema, String space) throws SQLException {
        try (Connection connection = schema.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT table_name FROM memory_spaces WHERE space = ?")) {
            select.setString(1, space);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the pgvector store has no table for the space " + space);
                }
                String table = row.getString(1);
                if (!VECTOR_TABLE.matcher(table).matches()) {
                    throw new IllegalStateException("memory_spaces names an unexpected table: " + table);
                }
                return table;
            }
        }
    }

    /** Closes every connection, then reports the first that would not close. */
    private static void closeAll(List<Session> sessions) {
        SQLException first = null;
        for (Session session : sessions) {
            try {
                session.connection().close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new IllegalStateException("could not close a JDBC connection: " + first.getMessage(), first);
        }
    }
}
