package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.migration.Migration;
import dev.embedgate.memory.migration.MigrationJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of {@code memory_migrations}: each migration's record ({@link MigrationJson}'s form, as jsonb) and its scan
 * position. Every method works on the caller's connection, within its transaction.
 */
final class MigrationRecords {

    /**
     * A migration as locked for a change, with its scan position and the database's time.
     *
     * @param scan where fresh claims go on from; null to start at the beginning
     */
    record Locked(Migration migration, PendingCursor scan, Instant now) {
    }

    private MigrationRecords() {
    }

    /** @return false when the id is taken */
    static boolean create(Connection connection, Migration migration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO memory_migrations"
                + " (id, record, created_at) VALUES (?, ?::jsonb, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, migration.id());
            insert.setString(2, MigrationJson.write(migration));
            insert.setObject(3, MemoryRows.parameter(migration.createdAt()));
            return insert.executeUpdate() > 0;
        }
    }

    static Optional<Migration> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT record::text FROM memory_migrations WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(MigrationJson.read(row.getString(1))) : Optional.empty();
            }
        }
    }

    /** Every migration, newest first. */
    static List<Migration> list(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT record::text FROM memory_migrations ORDER BY created_at DESC, id DESC");
             ResultSet rows = select.executeQuery()) {
            var migrations = new ArrayList<Migration>();
            while (rows.next()) {
                migrations.add(MigrationJson.read(rows.getString(1)));
            }
            return migrations;
        }
    }

    /**
     * Locks the migration's row until the transaction ends: updates, completions and the scans of claims take turns
     * on it (the lock lets the leases' foreign keys through).
     */
    static Optional<Locked> lock(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT record::text, scan_namespace, scan_id,"
                + " now() FROM memory_migrations WHERE id = ? FOR NO KEY UPDATE")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String namespace = row.getString(2);
                return Optional.of(new Locked(MigrationJson.read(row.getString(1)),
                        namespace == null ? null : new PendingCursor(namespace, row.getString(3)),
                        MemoryRows.instant(row, 4)));
            }
        }
    }

    static void write(Connection connection, Migration migration) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE memory_migrations SET record = ?::jsonb, updated_at = now() WHERE id = ?")) {
            update.setString(1, MigrationJson.write(migration));
            update.setString(2, migration.id());
            update.executeUpdate();
        }
    }

    /** Keeps where the migration's scan is; null: back at the beginning. */
    static void moveScan(Connection connection, String id, PendingCursor scan) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE memory_migrations SET scan_namespace = ?, scan_id = ? WHERE id = ?")) {
            update.setString(1, scan == null ? null : scan.namespace());
            update.setString(2, scan == null ? null : scan.id());
            update.setString(3, id);
            update.executeUpdate();
        }
    }
}
