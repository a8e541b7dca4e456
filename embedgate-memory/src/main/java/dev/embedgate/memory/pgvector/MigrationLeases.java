package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.migration.FailedMemory;
import dev.embedgate.memory.migration.MemoryKey;
import dev.embedgate.memory.migration.Migration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code memory_migration_leases}: a memory a migration's worker holds until {@code leased_until}, or one
 * that failed (claimable again from {@code leased_until}, or given up). Every method works on the caller's connection;
 * times are the database's.
 */
final class MigrationLeases {

    private MigrationLeases() {
    }

    /**
     * Leases to the worker the rows whose lease ended or whose retry time came, in (namespace, id) order, skipping
     * rows another transaction has locked; a row whose memory got its target vector meanwhile is deleted instead.
     */
    static List<Memory> reclaim(Connection connection, Migration migration, SpaceTable target, String worker,
                                int limit, Duration lease) throws SQLException {
        String done = MissingMemories.leaseDone(target);
        String sql = "WITH due AS (SELECT l.namespace, l.memory_id, " + done + " AS done"
                + " FROM memory_migration_leases l WHERE l.migration_id = ? AND NOT l.given_up"
                + " AND l.leased_until <= now() ORDER BY l.namespace, l.memory_id LIMIT ? FOR UPDATE OF l SKIP LOCKED),"
                + " finished AS (DELETE FROM memory_migration_leases l USING due d WHERE l.migration_id = ?"
                + " AND l.namespace = d.namespace AND l.memory_id = d.memory_id AND d.done),"
                + " taken AS (UPDATE memory_migration_leases l SET worker = ?,"
                + " leased_until = now() + ? * interval '1 millisecond'"
                + " FROM due d JOIN memories m ON m.namespace = d.namespace AND m.id = d.memory_id"
                + " WHERE l.migration_id = ? AND l.namespace = d.namespace AND l.memory_id = d.memory_id AND NOT d.done"
                + " RETURNING " + MemoryRows.COLUMNS + ")"
                + " SELECT * FROM taken ORDER BY namespace, id";
        try (PreparedStatement reclaim = connection.prepareStatement(sql)) {
            MissingMemories.bindReembedBefore(reclaim, 1, migration.scope());
            reclaim.setString(2, migration.id());
            reclaim.setInt(3, limit);
            reclaim.setString(4, migration.id());
            reclaim.setString(5, worker);
            reclaim.setLong(6, lease.toMillis());
            reclaim.setString(7, migration.id());
            return memories(reclaim);
        }
    }

    /**
     * Leases to the worker the fresh memories {@code scan} finds ({@link MissingMemories#unleased}).
     *
     * @return them, in (namespace, id) order
     */
    static List<Memory> leaseFresh(Connection connection, MissingMemories.Query scan, String migrationId,
                                   String worker, Duration lease) throws SQLException {
        String sql = "WITH fresh AS (" + scan.sql() + "),"
                + " leased AS (INSERT INTO memory_migration_leases (migration_id, namespace, memory_id, worker,"
                + " leased_until) SELECT ?, namespace, id, ?, now() + ? * interval '1 millisecond' FROM fresh)"
                + " SELECT * FROM fresh ORDER BY namespace, id";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int next = MemoryDatabase.bind(insert, 1, scan.parameters());
            insert.setString(next, migrationId);
            insert.setString(next + 1, worker);
            insert.setLong(next + 2, lease.toMillis());
            return memories(insert);
        }
    }

    /** Whether any memory of the migration is leased or waits for its retry time (given-up ones do not count). */
    static boolean anyOpen(Connection connection, String migrationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT EXISTS (SELECT 1"
                + " FROM memory_migration_leases WHERE migration_id = ? AND NOT given_up)")) {
            select.setString(1, migrationId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /** Deletes the memories' rows: their vectors were stored, or they are free to be claimed again. */
    static void end(Connection connection, String migrationId, List<MemoryKey> memories) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM memory_migration_leases l"
                + " USING unnest(?::text[], ?::text[]) AS k(namespace, id)"
                + " WHERE l.migration_id = ? AND l.namespace = k.namespace AND l.memory_id = k.id")) {
            bindKeys(delete, 1, memories);
            delete.setString(3, migrationId);
            delete.executeUpdate();
        }
    }

    /** Counts an attempt of each memory: claimable again after the backoff, or given up at {@code maxAttempts}. */
    static void fail(Connection connection, String migrationId, List<MemoryKey> memories, String error,
                     int maxAttempts, Duration firstBackoff) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE memory_migration_leases l"
                + " SET attempts = l.attempts + 1, last_error = ?, worker = NULL, given_up = l.attempts + 1 >= ?,"
                + " failed_at = CASE WHEN l.attempts + 1 >= ? THEN now() END,"
                // firstBackoff doubled per earlier attempt (capped, so that the interval cannot overflow)
                + " leased_until = now() + ? * power(2, least(l.attempts, 30)) * interval '1 millisecond'"
                + " FROM unnest(?::text[], ?::text[]) AS k(namespace, id)"
                + " WHERE l.migration_id = ? AND l.namespace = k.namespace AND l.memory_id = k.id AND NOT l.given_up")) {
            update.setString(1, error);
            update.setInt(2, maxAttempts);
            update.setInt(3, maxAttempts);
            update.setLong(4, firstBackoff.toMillis());
            bindKeys(update, 5, memories);
            update.setString(7, migrationId);
            update.executeUpdate();
        }
    }

    /** Ends the worker's leases: claimable at once, no attempt counted. */
    static void release(Connection connection, String migrationId, String worker) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE memory_migration_leases"
                + " SET worker = NULL, leased_until = now() WHERE migration_id = ? AND worker = ? AND NOT given_up")) {
            update.setString(1, migrationId);
            update.setString(2, worker);
            update.executeUpdate();
        }
    }

    /** Makes the given-up memories claimable at once with no attempts. @return how many */
    static int retryFailed(Connection connection, String migrationId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE memory_migration_leases"
                + " SET given_up = false, attempts = 0, last_error = NULL, failed_at = NULL, worker = NULL,"
                + " leased_until = now() WHERE migration_id = ? AND given_up")) {
            update.setString(1, migrationId);
            return update.executeUpdate();
        }
    }

    /** Given-up memories still without a target vector, in (namespace, id) order. */
    static List<FailedMemory> failures(Connection connection, Migration migration, SpaceTable target, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT l.namespace, l.memory_id, l.attempts,"
                + " l.last_error, l.failed_at FROM memory_migration_leases l WHERE l.migration_id = ? AND l.given_up"
                + " AND NOT " + MissingMemories.leaseDone(target) + " ORDER BY l.namespace, l.memory_id LIMIT ?")) {
            select.setString(1, migration.id());
            MissingMemories.bindReembedBefore(select, 2, migration.scope());
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                var failures = new ArrayList<FailedMemory>();
                while (rows.next()) {
                    failures.add(new FailedMemory(rows.getString(1), rows.getString(2), rows.getInt(3),
                            rows.getString(4), MemoryRows.instant(rows, 5)));
                }
                return failures;
            }
        }
    }

    /**
     * @param failed given-up memories still without a target vector
     * @param held   memories a worker holds now
     */
    record Counts(long failed, long held) {
    }

    static Counts counts(Connection connection, Migration migration, SpaceTable target) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT"
                + " count(*) FILTER (WHERE l.given_up AND NOT " + MissingMemories.leaseDone(target) + "),"
                + " count(*) FILTER (WHERE NOT l.given_up AND l.worker IS NOT NULL AND l.leased_until > now())"
                + " FROM memory_migration_leases l WHERE l.migration_id = ?")) {
            MissingMemories.bindReembedBefore(select, 1, migration.scope());
            select.setString(2, migration.id());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Counts(row.getLong(1), row.getLong(2));
            }
        }
    }

    /** Binds the memories' namespaces and ids as two text arrays, at {@code first} and the position after it. */
    private static void bindKeys(PreparedStatement statement, int first, List<MemoryKey> memories)
            throws SQLException {
        statement.setObject(first, memories.stream().map(MemoryKey::namespace).toArray(String[]::new));
        statement.setObject(first + 1, memories.stream().map(MemoryKey::id).toArray(String[]::new));
    }

    private static List<Memory> memories(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            var memories = new ArrayList<Memory>();
            while (rows.next()) {
                memories.add(MemoryRows.memory(rows));
            }
            return memories;
        }
    }
}
