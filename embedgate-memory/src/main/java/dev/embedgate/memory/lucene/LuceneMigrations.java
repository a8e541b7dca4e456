package dev.embedgate.memory.lucene;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.lucene.MigrationQueries.Hit;
import dev.embedgate.memory.migration.FailedMemory;
import dev.embedgate.memory.migration.MemoryKey;
import dev.embedgate.memory.migration.Migration;
import dev.embedgate.memory.migration.MigrationClaim;
import dev.embedgate.memory.migration.MigrationCounts;
import dev.embedgate.memory.migration.MigrationScope;
import dev.embedgate.memory.migration.MigrationStore;
import dev.embedgate.memory.migration.MigrationTotals;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The Lucene store's migrations. Records, scan positions and failures are documents in the memory index
 * ({@link MigrationDocuments}), durable when a method returns and read back when the store opens; leases live in
 * memory ({@link MigrationWork}), since only this process can open the index and its workers end with it. Claims
 * are {@link MigrationClaims}'; a completion stores the vectors through {@link MemoryWrites#putVectors} and adds its
 * totals to the record in the same atomic index update.
 *
 * <p>Each migration has a lock: claims, updates and failures of one migration take turns (a claim holds it for one
 * search), and a completion holds it only while handing its update to the index. A completion ends its leases only
 * once its vectors are visible to searches, and a claim takes its searcher under the lock, so a memory is never
 * handed out again because a search did not see its new vector yet. {@link #update}'s change runs under the lock:
 * it must not call the store. Thread-safe.
 */
final class LuceneMigrations implements MigrationStore {

    private final MemoryIndex index;
    private final MemoryWrites writes;
    private final MigrationQueries queries;
    private final MigrationClaims claims;
    private final Clock clock;
    private final Map<String, MigrationWork> works = new ConcurrentHashMap<>();

    private LuceneMigrations(MemoryIndex index, MemoryWrites writes, MigrationQueries queries, Clock clock) {
        this.index = index;
        this.writes = writes;
        this.queries = queries;
        this.claims = new MigrationClaims(index, queries, clock);
        this.clock = clock;
    }

    /** The migrations the index holds, with their scan positions and failures. */
    static LuceneMigrations load(MemoryIndex index, MemoryWrites writes, MigrationQueries queries, Clock clock)
            throws IOException {
        var migrations = new LuceneMigrations(index, writes, queries, clock);
        index.withSearcher(searcher -> MigrationDocuments.read(searcher.getIndexReader())).forEach((id, stored) ->
                migrations.works.put(id, new MigrationWork(stored.migration(), stored.checkpoint(),
                        stored.failures())));
        return migrations;
    }

    @Override
    public void create(Migration migration) {
        var work = new MigrationWork(migration, null, List.of());
        work.lock().lock();
        try {
            if (works.putIfAbsent(migration.id(), work) != null) {
                throw new IllegalStateException("a migration with id " + migration.id() + " exists already");
            }
            hand(MigrationDocuments.migration(migration, null));
        } catch (RuntimeException e) {
            works.remove(migration.id(), work);
            throw e;
        } finally {
            work.lock().unlock();
        }
        index.durable();
    }

    @Override
    public Optional<Migration> find(String id) {
        return Optional.ofNullable(works.get(id)).map(MigrationWork::migration);
    }

    @Override
    public List<Migration> list() {
        return works.values().stream().map(MigrationWork::migration)
                .sorted(Comparator.comparing(Migration::createdAt).thenComparing(Migration::id).reversed())
                .toList();
    }

    @Override
    public Optional<Migration> update(String id, UnaryOperator<Migration> change) {
        MigrationWork work = works.get(id);
        if (work == null) {
            return Optional.empty();
        }
        Migration next;
        work.lock().lock();
        try {
            next = Objects.requireNonNull(change.apply(work.migration()), "the changed migration");
            if (!next.id().equals(id)) {
                throw new IllegalArgumentException("a migration's id stays " + id + ", not " + next.id());
            }
            hand(MigrationDocuments.migration(next, work.checkpoint()));
            work.setMigration(next);
        } finally {
            work.lock().unlock();
        }
        index.durable();
        return Optional.of(next);
    }

    @Override
    public MigrationClaim claim(String migrationId, String worker, int limit, Duration lease) {
        atLeastOne("limit", limit);
        return claims.claim(work(migrationId), worker, limit, lease);
    }

    @Override
    public int complete(String migrationId, List<MemoryVector> vectors, MigrationTotals totals) {
        MigrationWork work = work(migrationId);
        Instant now = clock.instant();
        List<MemoryKey> keys = vectors.stream().map(v -> new MemoryKey(v.namespace(), v.memoryId())).distinct()
                .toList();
        int stored = writes.putVectors(work.migration().targetSpace(), vectors, memories -> {
            work.lock().lock();
            try {
                Migration next = work.migration().plus(totals, now);
                index.apply(memories.plus(MigrationDocuments.migration(next, work.checkpoint()))
                        .plus(MigrationDocuments.noFailures(work.id(), work.failedAmong(keys))));
                work.setMigration(next);
                work.forget(keys);
                return true;
            } finally {
                work.lock().unlock();
            }
        });
        // Only now, with the vectors visible to claims' searches, may the memories be found missing again.
        work.lock().lock();
        try {
            work.endLeases(keys);
        } finally {
            work.lock().unlock();
        }
        return stored;
    }

    @Override
    public void fail(String migrationId, List<MemoryKey> memories, String error, int maxAttempts,
                     Duration firstBackoff) {
        Objects.requireNonNull(error, "error");
        atLeastOne("maxAttempts", maxAttempts);
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("the first backoff cannot be negative, was " + firstBackoff);
        }
        MigrationWork work = work(migrationId);
        Instant now = clock.instant();
        work.lock().lock();
        try {
            var rows = new LinkedHashMap<MemoryKey, FailureRow>();
            for (MemoryKey key : memories.stream().distinct().toList()) {
                FailureRow before = work.failure(key);
                int attempts = (before == null ? 0 : before.attempts()) + 1;
                rows.put(key, new FailureRow(key, attempts, error, now,
                        attempts >= maxAttempts ? null : retryAt(now, firstBackoff, attempts)));
            }
            hand(MigrationDocuments.failures(work.id(), rows.values()));
            rows.values().forEach(work::putFailure);
            work.endLeases(rows.keySet());
        } finally {
            work.lock().unlock();
        }
        index.durable();
    }

    @Override
    public void release(String migrationId, String worker) {
        MigrationWork work = work(migrationId);
        work.lock().lock();
        try {
            work.release(worker);
        } finally {
            work.lock().unlock();
        }
    }

    @Override
    public int retryFailed(String migrationId) {
        MigrationWork work = work(migrationId);
        int retried;
        work.lock().lock();
        try {
            hand(MigrationDocuments.noFailures(work.id(), work.givenUp().keySet()));
            retried = work.retryGivenUp().size();
        } finally {
            work.lock().unlock();
        }
        if (retried > 0) {
            index.durable();
        }
        return retried;
    }

    @Override
    public MigrationCounts counts(String migrationId) {
        MigrationWork work = work(migrationId);
        Instant now = clock.instant();
        long leased;
        Set<MemoryKey> givenUp;
        work.lock().lock();
        try {
            leased = work.leased(now);
            givenUp = work.givenUp().keySet();
        } finally {
            work.lock().unlock();
        }
        MigrationScope scope = work.migration().scope();
        return index.read(searcher -> new MigrationCounts(searcher.count(queries.inScope(scope)),
                searcher.count(queries.done(scope)), queries.missingAmong(searcher, scope, givenUp).size(), leased));
    }

    /** Given up memories that are still missing (those that got a vector since, or were deleted, are not listed). */
    @Override
    public List<FailedMemory> failures(String migrationId, int limit) {
        atLeastOne("limit", limit);
        MigrationWork work = work(migrationId);
        Map<MemoryKey, FailureRow> givenUp;
        work.lock().lock();
        try {
            givenUp = work.givenUp();
        } finally {
            work.lock().unlock();
        }
        return index.read(searcher -> queries.missingAmong(searcher, work.migration().scope(), givenUp.keySet()))
                .stream().limit(limit).map(hit -> givenUp.get(hit.key()).failed()).toList();
    }

    @Override
    public List<Memory> missing(MigrationScope scope, PendingCursor after, int limit) {
        atLeastOne("limit", limit);
        return index.read(searcher -> {
            var memories = new ArrayList<Memory>();
            for (Hit hit : queries.missingAfter(searcher, scope, after, limit)) {
                memories.add(MigrationQueries.memory(searcher, hit));
            }
            return memories;
        });
    }

    @Override
    public MigrationCounts counts(MigrationScope scope) {
        return index.read(searcher -> new MigrationCounts(searcher.count(queries.inScope(scope)),
                searcher.count(queries.done(scope)), 0, 0));
    }

    private MigrationWork work(String id) {
        MigrationWork work = works.get(id);
        if (work == null) {
            throw new IllegalArgumentException("there is no migration " + id);
        }
        return work;
    }

    /** Hands a migration's documents to the index; the caller waits for a commit once it let go of the lock. */
    private void hand(IndexUpdate update) {
        try {
            index.apply(update);
        } catch (IOException e) {
            throw index.failed("write a migration", e);
        }
    }

    /** {@code firstBackoff} doubled per earlier attempt; beyond what an instant holds, never. */
    private static Instant retryAt(Instant now, Duration firstBackoff, int attempts) {
        try {
            return now.plus(firstBackoff.multipliedBy(1L << Math.min(attempts - 1, 62)));
        } catch (ArithmeticException | DateTimeException e) {
            return Instant.MAX;
        }
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
