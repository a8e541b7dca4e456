package dev.embedgate.memory.lucene;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.lucene.MigrationQueries.Hit;
import dev.embedgate.memory.migration.MemoryKey;
import dev.embedgate.memory.migration.MigrationClaim;
import dev.embedgate.memory.migration.MigrationScope;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import org.apache.lucene.search.IndexSearcher;

/**
 * Hands out a migration's work, as {@link dev.embedgate.memory.migration.MigrationStore#claim} says: first memories
 * whose lease ended without a vector and failed ones whose retry time came, then missing memories from the scan
 * position on, found by one sorted search ({@link MigrationQueries}) that costs as much at the end of a run as at its
 * start. The new scan position is committed before the claim returns. Runs under the migration's lock, with a
 * searcher taken under it.
 */
final class MigrationClaims {

    /** Room in each page of a scan for memories it passes by (leased, failed). */
    private static final int PASSED_BY_ROOM = 64;

    private final MemoryIndex index;
    private final MigrationQueries queries;
    private final Clock clock;

    MigrationClaims(MemoryIndex index, MigrationQueries queries, Clock clock) {
        this.index = index;
        this.queries = queries;
        this.clock = clock;
    }

    MigrationClaim claim(MigrationWork work, String worker, int limit, Duration lease) {
        Instant now = clock.instant();
        var round = new Round(work, worker, limit, now, now.plus(lease));
        boolean wrote;
        boolean waiting;
        work.lock().lock();
        try {
            work.expireLeases(now);
            PendingCursor before = work.checkpoint();
            // The searcher is taken under the lock: it sees the vectors of every completion whose leases have ended.
            IndexUpdate update = index.withSearcher(searcher -> {
                IndexUpdate forgotten = round.claimDue(searcher);
                round.claimScanned(searcher);
                return forgotten;
            });
            if (!Objects.equals(before, work.checkpoint())) {
                update = update.plus(MigrationDocuments.migration(work.migration(), work.checkpoint()));
            }
            wrote = !update.isEmpty();
            index.apply(update);
            waiting = work.leaseHeld(now) || work.retryPending(now);
        } catch (IOException e) {
            throw index.failed("claim memories of migration " + work.id(), e);
        } finally {
            work.lock().unlock();
        }
        if (wrote) {
            index.durable();
        }
        if (!round.claimed.isEmpty()) {
            return MigrationClaim.of(round.claimed);
        }
        return waiting ? MigrationClaim.WAIT : MigrationClaim.DONE;
    }

    /** One claim: what it was asked for and what it leased so far. */
    private final class Round {

        final MigrationWork work;
        final String worker;
        final int limit;
        final Instant now;
        final Instant until;
        final List<Memory> claimed = new ArrayList<>();

        Round(MigrationWork work, String worker, int limit, Instant now, Instant until) {
            this.work = work;
            this.worker = worker;
            this.limit = limit;
            this.now = now;
            this.until = until;
        }

        /**
         * Leases memories whose lease ended without a vector and failed ones whose retry time came, as long as they
         * are missing; forgets those no longer missing, answering the deletion of their failures.
         */
        IndexUpdate claimDue(IndexSearcher searcher) throws IOException {
            SortedSet<MemoryKey> due = work.retryable(now);
            if (due.isEmpty()) {
                return IndexUpdate.NONE;
            }
            Set<MemoryKey> missing = new HashSet<>();
            for (Hit hit : queries.missingAmong(searcher, work.migration().scope(), due)) {
                missing.add(hit.key());
                if (claimed.size() < limit) {
                    lease(searcher, hit);
                }
            }
            List<MemoryKey> settled = due.stream().filter(key -> !missing.contains(key)).toList();
            IndexUpdate forgotten = MigrationDocuments.noFailures(work.id(), work.failedAmong(settled));
            work.forget(settled);
            return forgotten;
        }

        /**
         * Leases missing memories from the scan position on, passing by leased and failed ones, and moves the
         * position. At the end of the memories, with nothing leased to anyone, the scan starts once more from the
         * beginning: what it finds was saved behind the scan, changed while leased, or leased by a process that ended.
         */
        void claimScanned(IndexSearcher searcher) throws IOException {
            MigrationScope scope = work.migration().scope();
            PendingCursor cursor = work.checkpoint();
            boolean fromStart = cursor == null;
            while (claimed.size() < limit) {
                int pageSize = limit - claimed.size() + PASSED_BY_ROOM;
                List<Hit> page = queries.missingAfter(searcher, scope, cursor, pageSize);
                for (Hit hit : page) {
                    if (claimed.size() == limit) {
                        break;
                    }
                    cursor = new PendingCursor(hit.key().namespace(), hit.key().id());
                    if (!work.passedBy(hit.key())) {
                        lease(searcher, hit);
                    }
                }
                if (page.size() == pageSize || claimed.size() == limit) {
                    continue;
                }
                if (fromStart || !claimed.isEmpty() || work.leaseHeld(now)) {
                    break;
                }
                fromStart = true;
                cursor = null;
            }
            work.setCheckpoint(cursor);
        }

        private void lease(IndexSearcher searcher, Hit hit) throws IOException {
            claimed.add(MigrationQueries.memory(searcher, hit));
            work.lease(hit.key(), worker, until);
        }
    }
}
