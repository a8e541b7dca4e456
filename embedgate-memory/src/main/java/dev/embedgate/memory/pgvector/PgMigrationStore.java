package dev.embedgate.memory.pgvector;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.migration.FailedMemory;
import dev.embedgate.memory.migration.MemoryKey;
import dev.embedgate.memory.migration.Migration;
import dev.embedgate.memory.migration.MigrationClaim;
import dev.embedgate.memory.migration.MigrationCounts;
import dev.embedgate.memory.migration.MigrationScope;
import dev.embedgate.memory.migration.MigrationStore;
import dev.embedgate.memory.migration.MigrationTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The pgvector store's migrations, shared by every gateway instance on the database: records and scan positions in
 * {@code memory_migrations}, leases and failures in {@code memory_migration_leases} (which lose a memory's row when
 * the memory is deleted). Claims first take over ended leases and due retries, skipping rows other claims have locked
 * ({@code FOR UPDATE SKIP LOCKED}); then they go on from the kept scan position, taking turns on the migration's row
 * for one index range read, and skip memories another transaction is rewriting. Times are the database's clock.
 */
final class PgMigrationStore implements MigrationStore {

    private final MemoryDatabase database;
    private final SpaceRegistry spaces;
    private final MemoryWriter writer;

    PgMigrationStore(MemoryDatabase database, SpaceRegistry spaces, MemoryWriter writer) {
        this.database = database;
        this.spaces = spaces;
        this.writer = writer;
    }

    @Override
    public void create(Migration migration) {
        if (!database.run("recording migration " + migration.id(),
                connection -> MigrationRecords.create(connection, migration))) {
            throw new IllegalStateException("a migration with id '" + migration.id() + "' exists already");
        }
    }

    @Override
    public Optional<Migration> find(String id) {
        return database.run("reading migration " + id, connection -> MigrationRecords.find(connection, id));
    }

    @Override
    public List<Migration> list() {
        return database.run("listing migrations", MigrationRecords::list);
    }

    @Override
    public Optional<Migration> update(String id, UnaryOperator<Migration> change) {
        return database.transaction("updating migration " + id, connection -> {
            Optional<MigrationRecords.Locked> locked = MigrationRecords.lock(connection, id);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Migration changed = change.apply(locked.get().migration());
            if (!changed.id().equals(id)) {
                throw new IllegalArgumentException("a migration's update cannot change its id (" + id + " to "
                        + changed.id() + ")");
            }
            MigrationRecords.write(connection, changed);
            return Optional.of(changed);
        });
    }

    @Override
    public MigrationClaim claim(String migrationId, String worker, int limit, Duration lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (lease.toMillis() < 1) {
            throw new IllegalArgumentException("a lease must last at least a millisecond, was " + lease);
        }
        Objects.requireNonNull(worker, "worker");
        Migration migration = require(migrationId);
        SpaceTable target = spaces.require(migration.targetSpace());
        return database.transaction("claiming memories of migration " + migrationId, connection -> {
            var claimed = new ArrayList<>(MigrationLeases.reclaim(connection, migration, target, worker, limit,
                    lease));
            if (claimed.size() == limit) {
                return MigrationClaim.of(claimed);
            }
            PendingCursor scan = MigrationRecords.lock(connection, migrationId).orElseThrow().scan();
            List<Memory> fresh = leaseFresh(connection, migration, target, scan, worker, limit - claimed.size(),
                    lease);
            if (claimed.isEmpty() && fresh.isEmpty()) {
                // The scan is at the end. With no lease open, look once more from the start for memories still
                // missing (saved behind the scan, changed while they were embedded); none: the migration is done.
                if (MigrationLeases.anyOpen(connection, migrationId)) {
                    return MigrationClaim.WAIT;
                }
                if (scan == null) {
                    return MigrationClaim.DONE;
                }
                fresh = leaseFresh(connection, migration, target, null, worker, limit, lease);
                if (fresh.isEmpty()) {
                    MigrationRecords.moveScan(connection, migrationId, null);
                    return MigrationClaim.DONE;
                }
            }
            if (!fresh.isEmpty()) {
                MigrationRecords.moveScan(connection, migrationId, PendingCursor.after(fresh.getLast()));
                claimed.addAll(fresh);
            }
            return MigrationClaim.of(claimed);
        });
    }

    private static List<Memory> leaseFresh(Connection connection, Migration migration, SpaceTable target,
                                           PendingCursor after, String worker, int limit, Duration lease)
            throws SQLException {
        var scan = MissingMemories.unleased(target, migration.scope(), migration.id(), after, limit);
        return MigrationLeases.leaseFresh(connection, scan, migration.id(), worker, lease);
    }

    @Override
    public int complete(String migrationId, List<MemoryVector> vectors, MigrationTotals totals) {
        SpaceTable target = spaces.require(require(migrationId).targetSpace());
        List<MemoryKey> keys = vectors.stream().map(v -> new MemoryKey(v.namespace(), v.memoryId())).toList();
        return database.transaction("completing memories of migration " + migrationId, connection -> {
            // The migration's row last: a claim holding it waits for nothing else, so the two cannot deadlock.
            int stored = vectors.isEmpty() ? 0 : writer.putVectors(connection, target, vectors);
            if (!keys.isEmpty()) {
                MigrationLeases.end(connection, migrationId, keys);
            }
            MigrationRecords.Locked locked = MigrationRecords.lock(connection, migrationId).orElseThrow();
            MigrationRecords.write(connection, locked.migration().plus(totals, locked.now()));
            return stored;
        });
    }

    @Override
    public void fail(String migrationId, List<MemoryKey> memories, String error, int maxAttempts,
                     Duration firstBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (memories.isEmpty()) {
            return;
        }
        database.run("recording failures of migration " + migrationId, connection -> {
            MigrationLeases.fail(connection, migrationId, memories, error, maxAttempts, firstBackoff);
            return null;
        });
    }

    @Override
    public void release(String migrationId, String worker) {
        database.run("releasing leases of migration " + migrationId, connection -> {
            MigrationLeases.release(connection, migrationId, worker);
            return null;
        });
    }

    @Override
    public int retryFailed(String migrationId) {
        return database.run("retrying failures of migration " + migrationId,
                connection -> MigrationLeases.retryFailed(connection, migrationId));
    }

    @Override
    public MigrationCounts counts(String migrationId) {
        Migration migration = require(migrationId);
        SpaceTable target = spaces.require(migration.targetSpace());
        return database.run("counting migration " + migrationId, connection -> {
            MigrationCounts scope = counts(connection, target, migration.scope());
            MigrationLeases.Counts leases = MigrationLeases.counts(connection, migration, target);
            return new MigrationCounts(scope.total(), scope.done(), leases.failed(), leases.held());
        });
    }

    @Override
    public List<FailedMemory> failures(String migrationId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Optional<Migration> migration = find(migrationId);
        if (migration.isEmpty()) {
            return List.of();
        }
        SpaceTable target = spaces.require(migration.get().targetSpace());
        return database.run("listing failures of migration " + migrationId,
                connection -> MigrationLeases.failures(connection, migration.get(), target, limit));
    }

    @Override
    public List<Memory> missing(MigrationScope scope, PendingCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        var query = MissingMemories.page(spaces.find(scope.targetSpace()), scope, after, limit);
        return database.run("listing memories missing from space " + scope.targetSpace(), connection -> {
            try (PreparedStatement select = connection.prepareStatement(query.sql())) {
                MemoryDatabase.bind(select, 1, query.parameters());
                try (ResultSet rows = select.executeQuery()) {
                    var missing = new ArrayList<Memory>();
                    while (rows.next()) {
                        missing.add(MemoryRows.memory(rows));
                    }
                    return missing;
                }
            }
        });
    }

    @Override
    public MigrationCounts counts(MigrationScope scope) {
        SpaceTable target = spaces.find(scope.targetSpace());
        return database.run("counting memories of space " + scope.targetSpace(),
                connection -> counts(connection, target, scope));
    }

    private static MigrationCounts counts(Connection connection, SpaceTable target, MigrationScope scope)
            throws SQLException {
        var query = MissingMemories.counts(target, scope);
        try (PreparedStatement select = connection.prepareStatement(query.sql())) {
            MemoryDatabase.bind(select, 1, query.parameters());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new MigrationCounts(row.getLong(1), row.getLong(2), 0, 0);
            }
        }
    }

    private Migration require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no migration '" + id + "'"));
    }
}
