package dev.embedgate.memory.lucene;

import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.migration.MemoryKey;
import dev.embedgate.memory.migration.Migration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One migration as the store holds it in memory: its record and scan position (both also in the index), its failures
 * (also in the index, {@link MigrationDocuments}), and its leases and the memories whose lease ended without a
 * vector (in memory only). Everything but {@link #migration()} is read and changed under {@link #lock}, which a change
 * holds until it has handed its documents to the index, so that the index gets them in the order they happened.
 */
final class MigrationWork {

    private static final Comparator<MemoryKey> KEY_ORDER = Comparator.comparing(MemoryKey::namespace)
            .thenComparing(MemoryKey::id);

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Migration migration;
    private PendingCursor checkpoint;
    private final Map<MemoryKey, Lease> leases = new HashMap<>();
    /** Memories whose lease ended without a vector (expired, released): handed out before the scan goes on. */
    private final SortedSet<MemoryKey> returned = new TreeSet<>(KEY_ORDER);
    private final SortedMap<MemoryKey, FailureRow> failures = new TreeMap<>(KEY_ORDER);

    MigrationWork(Migration migration, PendingCursor checkpoint, Collection<FailureRow> failures) {
        this.migration = migration;
        this.checkpoint = checkpoint;
        failures.forEach(row -> this.failures.put(row.key(), row));
    }

    private record Lease(String worker, Instant until) {
    }

    ReentrantLock lock() {
        return lock;
    }

    String id() {
        return migration.id();
    }

    /** The record as last changed; read without the lock. */
    Migration migration() {
        return migration;
    }

    void setMigration(Migration next) {
        migration = next;
    }

    PendingCursor checkpoint() {
        return checkpoint;
    }

    void setCheckpoint(PendingCursor next) {
        checkpoint = next;
    }

    /** Ends the leases that ran out by {@code now}: their memories are handed out again first. */
    void expireLeases(Instant now) {
        for (Iterator<Map.Entry<MemoryKey, Lease>> it = leases.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<MemoryKey, Lease> lease = it.next();
            if (!lease.getValue().until().isAfter(now)) {
                returned.add(lease.getKey());
                it.remove();
            }
        }
    }

    /** Memories to hand out before scanning on: returned ones, and failed ones whose retry time came. */
    SortedSet<MemoryKey> retryable(Instant now) {
        var due = new TreeSet<>(returned);
        failures.values().stream()
                .filter(row -> !row.givenUp() && !row.waitsAt(now) && !leases.containsKey(row.key()))
                .forEach(row -> due.add(row.key()));
        return due;
    }

    /** Whether a scan passes the memory by: it is leased, or failed (waiting for its retry, or given up). */
    boolean passedBy(MemoryKey key) {
        return leases.containsKey(key) || failures.containsKey(key);
    }

    void lease(MemoryKey key, String worker, Instant until) {
        leases.put(key, new Lease(worker, until));
        returned.remove(key);
    }

    /** Ends the leases of these memories, handing none of them out again. */
    void endLeases(Collection<MemoryKey> keys) {
        keys.forEach(leases::remove);
    }

    /** Ends the worker's leases, handing their memories out again at once. */
    void release(String worker) {
        for (Iterator<Map.Entry<MemoryKey, Lease>> it = leases.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<MemoryKey, Lease> lease = it.next();
            if (lease.getValue().worker().equals(worker)) {
                returned.add(lease.getKey());
                it.remove();
            }
        }
    }

    /** Those of the memories that have a failure kept. */
    List<MemoryKey> failedAmong(Collection<MemoryKey> keys) {
        return keys.stream().filter(failures::containsKey).toList();
    }

    /** Forgets memories that need nothing more from the migration (they have a vector, or are gone). */
    void forget(Collection<MemoryKey> keys) {
        keys.forEach(key -> {
            returned.remove(key);
            failures.remove(key);
        });
    }

    /** Whether a worker holds a lease now. */
    boolean leaseHeld(Instant now) {
        return leases.values().stream().anyMatch(lease -> lease.until().isAfter(now));
    }

    long leased(Instant now) {
        return leases.values().stream().filter(lease -> lease.until().isAfter(now)).count();
    }

    /** Whether a failed memory waits for its retry time. */
    boolean retryPending(Instant now) {
        return failures.values().stream().anyMatch(row -> row.waitsAt(now));
    }

    FailureRow failure(MemoryKey key) {
        return failures.get(key);
    }

    void putFailure(FailureRow row) {
        failures.put(row.key(), row);
    }

    /** The given-up memories, by key. */
    Map<MemoryKey, FailureRow> givenUp() {
        var givenUp = new TreeMap<MemoryKey, FailureRow>(KEY_ORDER);
        failures.forEach((key, row) -> {
            if (row.givenUp()) {
                givenUp.put(key, row);
            }
        });
        return givenUp;
    }

    /** Gives the given-up memories another chance: attempts forgotten, handed out again at once. */
    List<MemoryKey> retryGivenUp() {
        List<MemoryKey> keys = List.copyOf(givenUp().keySet());
        keys.forEach(failures::remove);
        returned.addAll(keys);
        return keys;
    }
}
