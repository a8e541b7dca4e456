package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.migration.MigrationScope;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a migration's work: the memories of a scope without a target vector, one that is not degraded (and, when
 * forced, made at or after the scope's {@code reembedBefore}) in the target space's table. The text depends only on
 * the table (a name the store generated) and on whether namespaces are named; everything else is bound.
 */
final class MissingMemories {

    /** SQL text and its parameters, in order. */
    record Query(String sql, List<Object> parameters) {
    }

    // A vector of the target table v that makes its memory done; binds reembedBefore.
    private static final String DONE = "NOT v.degraded AND v.embedded_at >= coalesce(?::timestamptz, '-infinity')";
    private static final String OF_MEMORY = "v.namespace = m.namespace AND v.memory_id = m.id";

    private MissingMemories() {
    }

    /**
     * The missing memories after the cursor in (namespace, id) order: one range scan of the memories' primary key
     * that stops after {@code limit} of them, each looked up on the way in the target table's primary key (scalar
     * subqueries, because {@code NOT EXISTS} would become an anti-join reading both tables whole before the first
     * row).
     */
    static Query page(SpaceTable target, MigrationScope scope, PendingCursor after, int limit) {
        // target null: a space not registered yet, where every memory is missing
        return scan(target, scope, after, limit, null);
    }

    /**
     * As {@link #page}, without the memories the migration holds a lease row of (held, failed or given up), each
     * memory row share-locked for the lease's foreign key; a memory another transaction is rewriting or deleting is
     * skipped, not waited for (the rescan at the end finds it if it is still missing).
     */
    static Query unleased(SpaceTable target, MigrationScope scope, String migrationId, PendingCursor after, int limit) {
        return scan(target, scope, after, limit, migrationId);
    }

    /**
     * Two counts: the memories in the scope, and those of them with a target vector (none when the target space is
     * not registered yet: {@code target} null).
     */
    static Query counts(SpaceTable target, MigrationScope scope) {
        if (target == null) {
            return new Query("SELECT count(*), 0 FROM memories m" + (scope.everyNamespace() ? ""
                    : " WHERE m.namespace = ANY (?::text[])"), scope.everyNamespace() ? List.of()
                    : List.<Object>of((Object) scope.namespaces().toArray(String[]::new)));
        }
        var parameters = new ArrayList<>();
        parameters.add(bound(scope.reembedBefore()));
        String sql = "SELECT count(*), count(v.memory_id) FROM memories m LEFT JOIN " + target.table() + " v"
                + " ON " + OF_MEMORY + " AND " + DONE
                + (scope.everyNamespace() ? "" : " WHERE m.namespace = ANY (?::text[])");
        if (!scope.everyNamespace()) {
            parameters.add(scope.namespaces().toArray(String[]::new));
        }
        return new Query(sql, parameters);
    }

    /**
     * Whether the memory of the lease row {@code l} has its target vector; binds {@code reembedBefore}
     * ({@link #bindReembedBefore}).
     */
    static String leaseDone(SpaceTable target) {
        return "EXISTS (SELECT 1 FROM " + target.table() + " v WHERE v.namespace = l.namespace"
                + " AND v.memory_id = l.memory_id AND " + DONE + ")";
    }

    /** Binds the scope's {@code reembedBefore} (null when not forced) where {@link #leaseDone} asks for it. */
    static void bindReembedBefore(PreparedStatement statement, int position, MigrationScope scope)
            throws SQLException {
        statement.setObject(position, bound(scope.reembedBefore()), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private static Object bound(Instant reembedBefore) {
        return reembedBefore == null ? null : MemoryRows.parameter(reembedBefore);
    }


    private static Query scan(SpaceTable target, MigrationScope scope, PendingCursor after, int limit,
                              String leasesOf) {
        var sql = new StringBuilder("SELECT ").append(MemoryRows.COLUMNS).append(" FROM memories m WHERE ");
        var parameters = new ArrayList<>();
        if (!scope.everyNamespace()) {
            sql.append("m.namespace = ANY (?::text[]) AND ");
            parameters.add(scope.namespaces().toArray(String[]::new));
        }
        sql.append("(m.namespace, m.id) > (?, ?)");
        parameters.add(after == null ? "" : after.namespace());
        parameters.add(after == null ? "" : after.id());
        if (target != null) {
            sql.append(" AND NOT coalesce((SELECT ").append(DONE).append(" FROM ").append(target.table())
                    .append(" v WHERE ").append(OF_MEMORY).append("), false)");
            parameters.add(bound(scope.reembedBefore()));
        }
        if (leasesOf != null) {
            sql.append(" AND NOT coalesce((SELECT true FROM memory_migration_leases l WHERE l.migration_id = ?")
                    .append(" AND l.namespace = m.namespace AND l.memory_id = m.id), false)");
            parameters.add(leasesOf);
        }
        sql.append(" ORDER BY m.namespace, m.id LIMIT ?");
        parameters.add(limit);
        if (leasesOf != null) {
            sql.append(" FOR KEY SHARE OF m SKIP LOCKED");
        }
        return new Query(sql.toString(), parameters);
    }
}
