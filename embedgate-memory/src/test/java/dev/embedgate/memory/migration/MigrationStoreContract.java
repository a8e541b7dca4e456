package dev.embedgate.memory.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.TestVectors;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link MigrationStore} does: the record kept exactly, work handed out once, leases that end,
 * failures retried then listed, and progress that survives a reopen. A store's test extends this and says how to
 * open the store over one location that stays the same for the whole test.
 */
public abstract class MigrationStoreContract {

    protected static final String OLD = "sentence-transformers/all-MiniLM-L6-v2@main;dim=384";
    protected static final String NEW = "BAAI/bge-small-en-v1.5@main;dim=384";
    protected static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    protected MemoryStore store;

    protected abstract MemoryStore open();

    @BeforeEach
    void openStore() {
        store = open();
        store.addSpace(OLD, 384);
        store.addSpace(NEW, 384);
    }

    @AfterEach
    void closeStore() {
        if (store != null) { // null when the store could not be opened (a test skipped for a missing service)
            store.close();
        }
    }

    protected MigrationStore reopen() {
        store.close();
        store = open();
        return store.migrations();
    }

    // --- the record ---

    @Test
    void aMigrationReadsBackExactlyAndUpdatesAreAtomic() throws Exception {
        Migration created = migration("mig_a", List.of("b", "a"), null);
        migrations().create(created);
        Migration other = migration("mig_b", List.of(), T0.plusSeconds(5));
        migrations().create(new Migration(other.id(), other.scope(), 7, 0.25, "key_1", MigrationState.CUT_OVER,
                "why", T0.plusSeconds(9), Map.of("a", OLD), new MigrationTotals(1, 2, 3, 4), T0.plusSeconds(1),
                T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4)));

        assertThat(migrations().find("mig_a")).contains(created);
        assertThat(created.scope().namespaces()).containsExactly("a", "b");
        assertThat(reopen().find("mig_b").orElseThrow().previousSpaces()).containsEntry("a", OLD);
        assertThat(migrations().list()).extracting(Migration::id).containsExactly("mig_b", "mig_a");
        assertThat(migrations().find("mig_nope")).isEmpty();
        assertThatThrownBy(() -> migrations().create(created)).isInstanceOf(IllegalStateException.class);

        try (var pool = Executors.newFixedThreadPool(8)) {
            var adds = new ArrayList<Future<?>>();
            for (int i = 0; i < 8; i++) {
                adds.add(pool.submit(() -> {
                    for (int n = 0; n < 25; n++) {
                        migrations().update("mig_a", m -> m.plus(new MigrationTotals(1, 10, 100, 1), T0));
                    }
                }));
            }
            for (Future<?> add : adds) {
                add.get();
            }
        }
        assertThat(migrations().find("mig_a").orElseThrow().totals()).isEqualTo(new MigrationTotals(200, 2000, 20000, 200));
        assertThat(migrations().update("mig_nope", m -> m)).isEmpty();
    }

    // --- claiming ---

    @Test
    void claimsHandOutMissingMemoriesInOrderOnceAndEndDone() {
        List<Memory> memories = saveNumbered("ns", 25);
        store.putVectors(NEW, List.of(vector(memories.get(3), false, T0)));
        start("mig", List.of("ns"), null);

        var seen = new ArrayList<String>();
        MigrationClaim claim;
        while ((claim = migrations().claim("mig", "w1", 10, LEASE)).outcome() == MigrationClaim.Outcome.CLAIMED) {
            assertThat(claim.memories()).hasSizeLessThanOrEqualTo(10);
            claim.memories().forEach(m -> seen.add(m.id()));
            assertThat(migrations().counts("mig").leased()).isEqualTo(claim.memories().size());
            migrations().complete("mig", vectors(claim.memories()), new MigrationTotals(claim.memories().size(), 5, 7, 1));
        }

        assertThat(claim.outcome()).isEqualTo(MigrationClaim.Outcome.DONE);
        assertThat(seen).doesNotContain("m3").doesNotHaveDuplicates().hasSize(24);
        assertThat(seen).isSortedAccordingTo(String::compareTo);
        assertThat(migrations().counts("mig")).isEqualTo(new MigrationCounts(25, 25, 0, 0));
        assertThat(migrations().find("mig").orElseThrow().totals()).isEqualTo(new MigrationTotals(24, 15, 21, 3));
    }

    @Test
    void memoriesLeasedToOneWorkerAreNotHandedToAnotherUntilTheLeaseEnds() throws Exception {
        saveNumbered("ns", 6);
        start("mig", List.of("ns"), null);

        List<Memory> first = migrations().claim("mig", "w1", 4, Duration.ofMillis(700)).memories();
        MigrationClaim second = migrations().claim("mig", "w2", 10, LEASE);
        assertThat(second.memories()).extracting(Memory::id).containsExactly("m4", "m5");
        assertThat(migrations().claim("mig", "w2", 10, LEASE).outcome())
                .as("the rest is leased to w1").isEqualTo(MigrationClaim.Outcome.WAIT);

        Thread.sleep(900);
        List<Memory> reclaimed = migrations().claim("mig", "w2", 10, LEASE).memories();
        assertThat(reclaimed).extracting(Memory::id).containsExactlyElementsOf(ids(first));
    }

    @Test
    void releasedLeasesAreClaimableAtOnce() {
        saveNumbered("ns", 3);
        start("mig", List.of("ns"), null);
        migrations().claim("mig", "w1", 10, LEASE);
        assertThat(migrations().claim("mig", "w2", 10, LEASE).outcome()).isEqualTo(MigrationClaim.Outcome.WAIT);

        migrations().release("mig", "w1");

        assertThat(migrations().claim("mig", "w2", 10, LEASE).memories()).hasSize(3);
        assertThat(migrations().counts("mig").leased()).isEqualTo(3);
    }

    @Test
    void concurrentWorkersDoEveryMemoryExactlyOnce() throws Exception {
        saveNumbered("a", 150);
        saveNumbered("b", 150);
        saveNumbered("c", 20);
        start("mig", List.of("a", "b"), null);
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        var duplicates = new AtomicInteger();

        try (var pool = Executors.newFixedThreadPool(4)) {
            var workers = new ArrayList<Future<?>>();
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                workers.add(pool.submit(() -> {
                    while (true) {
                        MigrationClaim claim = migrations().claim("mig", worker, 7, LEASE);
                        if (claim.outcome() == MigrationClaim.Outcome.DONE) {
                            return null;
                        }
                        for (Memory memory : claim.memories()) {
                            if (!claimed.add(memory.namespace() + "/" + memory.id())) {
                                duplicates.incrementAndGet();
                            }
                        }
                        migrations().complete("mig", vectors(claim.memories()),
                                new MigrationTotals(claim.memories().size(), 0, 0, 1));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }

        assertThat(duplicates).hasValue(0);
        assertThat(claimed).hasSize(300).noneMatch(key -> key.startsWith("c/"));
        assertThat(migrations().counts("mig")).isEqualTo(new MigrationCounts(300, 300, 0, 0));
        assertThat(migrations().find("mig").orElseThrow().totals().embedded()).isEqualTo(300);
    }

    @Test
    void everyNamespaceIsInTheScopeWhenNoneIsNamed() {
        saveNumbered("a", 3);
        saveNumbered("b", 2);
        start("mig", List.of(), null);

        assertThat(drain("mig")).hasSize(5);
        assertThat(migrations().counts("mig")).isEqualTo(new MigrationCounts(5, 5, 0, 0));
    }

    @Test
    void degradedStandInsAndWithForceOlderVectorsCountAsMissing() {
        List<Memory> memories = saveNumbered("ns", 3);
        Instant start = T0.plusSeconds(60);
        store.putVectors(NEW, List.of(vector(memories.get(0), true, T0), vector(memories.get(1), false, T0),
                vector(memories.get(2), false, start.plusSeconds(1))));

        assertThat(migrations().counts(new MigrationScope(List.of("ns"), NEW, null)))
                .as("a degraded vector is a stand-in, not a target vector").isEqualTo(new MigrationCounts(3, 2, 0, 0));
        assertThat(migrations().counts(new MigrationScope(List.of("ns"), NEW, start)))
                .isEqualTo(new MigrationCounts(3, 1, 0, 0));
        assertThat(migrations().missing(new MigrationScope(List.of("ns"), NEW, start), null, 10))
                .extracting(Memory::id).containsExactly("m0", "m1");

        start("forced", List.of("ns"), start);
        assertThat(drain("forced")).containsExactly("m0", "m1");
    }

    @Test
    void missingPagesThroughTheScopeWithoutLeasingAnything() {
        saveNumbered("a", 5);
        saveNumbered("b", 5);
        saveNumbered("z", 5);
        var scope = new MigrationScope(List.of("a", "b"), NEW, null);

        List<Memory> page1 = migrations().missing(scope, null, 6);
        List<Memory> page2 = migrations().missing(scope, PendingCursor.after(page1.getLast()), 6);

        assertThat(page1).hasSize(6);
        assertThat(page2).hasSize(4);
        assertThat(page2.getLast().namespace()).isEqualTo("b");
        start("mig", List.of("a", "b"), null);
        assertThat(migrations().claim("mig", "w", 100, LEASE).memories()).hasSize(10);
        assertThat(migrations().counts(scope)).isEqualTo(new MigrationCounts(10, 0, 0, 0));
    }

    @Test
    void aSpaceTheStoreDoesNotKnowYetHoldsNoVectorsSoEveryMemoryIsMissing() {
        saveNumbered("ns", 3);
        var scope = new MigrationScope(List.of("ns"), "unknown/model;dim=8", null);

        assertThat(migrations().counts(scope)).isEqualTo(new MigrationCounts(3, 0, 0, 0));
        assertThat(migrations().missing(scope, null, 10)).hasSize(3);
    }

    // --- failures ---

    @Test
    void failedMemoriesAreRetriedAfterBackoffThenGivenUpListedAndRetriedOnRequest() throws Exception {
        saveNumbered("ns", 3);
        start("mig", List.of("ns"), null);
        List<Memory> claimed = migrations().claim("mig", "w", 10, LEASE).memories();
        Memory bad = claimed.get(1);
        migrations().complete("mig", vectors(List.of(claimed.get(0), claimed.get(2))), MigrationTotals.NONE);

        migrations().fail("mig", List.of(MemoryKey.of(bad)), "input_too_long: too long", 2, Duration.ofMillis(300));
        assertThat(migrations().claim("mig", "w", 10, LEASE).outcome())
                .as("not before its backoff").isEqualTo(MigrationClaim.Outcome.WAIT);
        Thread.sleep(400);
        assertThat(migrations().claim("mig", "w", 10, LEASE).memories()).extracting(Memory::id).containsExactly(bad.id());

        migrations().fail("mig", List.of(MemoryKey.of(bad)), "input_too_long: still too long", 2, Duration.ofMillis(300));
        Thread.sleep(700);
        assertThat(migrations().claim("mig", "w", 10, LEASE).outcome())
                .as("given up after 2 attempts: the run is done without it").isEqualTo(MigrationClaim.Outcome.DONE);
        assertThat(migrations().counts("mig")).isEqualTo(new MigrationCounts(3, 2, 1, 0));
        List<FailedMemory> failures = reopen().failures("mig", 10);
        assertThat(failures).singleElement().satisfies(failed -> {
            assertThat(failed.id()).isEqualTo(bad.id());
            assertThat(failed.namespace()).isEqualTo("ns");
            assertThat(failed.attempts()).isEqualTo(2);
            assertThat(failed.error()).isEqualTo("input_too_long: still too long");
            assertThat(failed.failedAt()).isNotNull();
        });

        assertThat(migrations().retryFailed("mig")).isEqualTo(1);
        assertThat(migrations().failures("mig", 10)).isEmpty();
        assertThat(migrations().claim("mig", "w", 10, LEASE).memories()).extracting(Memory::id).containsExactly(bad.id());
    }

    // --- changes while a migration runs ---

    @Test
    void aMemorySavedBehindTheScanOrChangedWhileLeasedIsDoneBeforeTheRunEnds() {
        saveNumbered("ns", 4);
        start("mig", List.of("ns"), null);
        List<Memory> leased = migrations().claim("mig", "w", 4, LEASE).memories();

        Memory changed = Memory.saved("ns", "m1", "new content", Metadata.EMPTY, 0.5, T0.plusSeconds(5));
        store.save(List.of(changed, Memory.saved("ns", "a-new", "behind the scan", Metadata.EMPTY, 0.5, T0)));
        store.delete("ns", "m2");
        int stored = migrations().complete("mig", vectors(leased), new MigrationTotals(4, 0, 0, 1));

        assertThat(stored).as("m1's vector was made from content it no longer holds; m2 is gone").isEqualTo(2);
        assertThat(drain("mig")).containsExactlyInAnyOrder("a-new", "m1");
        assertThat(migrations().counts("mig")).isEqualTo(new MigrationCounts(4, 4, 0, 0));
    }

    @Test
    void progressSurvivesAReopenAndDoneMemoriesAreNeverClaimedAgain() {
        saveNumbered("ns", 30);
        start("mig", List.of("ns"), null);
        var done = new HashSet<String>();
        for (int i = 0; i < 2; i++) {
            List<Memory> claimed = migrations().claim("mig", "w", 10, LEASE).memories();
            migrations().complete("mig", vectors(claimed), new MigrationTotals(claimed.size(), 0, 0, 1));
            done.addAll(ids(claimed));
        }
        migrations().claim("mig", "w", 5, LEASE);

        MigrationStore reopened = reopen();
        assertThat(reopened.find("mig").orElseThrow().totals().embedded()).isEqualTo(20);
        assertThat(reopened.counts("mig").done()).isEqualTo(20);
        reopened.release("mig", "w");
        List<String> rest = drain("mig");
        assertThat(rest).hasSize(10).doesNotContainAnyElementsOf(done);
    }

    // --- helpers ---

    protected MigrationStore migrations() {
        return store.migrations();
    }

    protected Migration migration(String id, List<String> namespaces, Instant reembedBefore) {
        return new Migration(id, new MigrationScope(namespaces, NEW, reembedBefore), 32, 0.8, "",
                MigrationState.RUNNING, null, null, Map.of(), MigrationTotals.NONE, T0, T0, null, null);
    }

    protected void start(String id, List<String> namespaces, Instant reembedBefore) {
        migrations().create(migration(id, namespaces, reembedBefore));
    }

    /** Claims and completes until done; the ids claimed, in claim order. */
    protected List<String> drain(String id) {
        var ids = new ArrayList<String>();
        MigrationClaim claim;
        while ((claim = migrations().claim(id, "drain", 50, LEASE)).outcome() == MigrationClaim.Outcome.CLAIMED) {
            ids.addAll(ids(claim.memories()));
            migrations().complete(id, vectors(claim.memories()), MigrationTotals.NONE);
        }
        assertThat(claim.outcome()).isEqualTo(MigrationClaim.Outcome.DONE);
        return ids;
    }

    protected List<Memory> saveNumbered(String namespace, int count) {
        var memories = IntStream.range(0, count).mapToObj(i -> Memory.saved(namespace, String.format("m%d", i),
                "memory " + namespace + " " + i, Metadata.EMPTY, 0.5, T0.truncatedTo(ChronoUnit.MILLIS))).toList();
        store.save(memories);
        return memories;
    }

    protected static List<MemoryVector> vectors(List<Memory> memories) {
        return memories.stream().map(memory -> vector(memory, false, T0.plusSeconds(120))).toList();
    }

    protected static MemoryVector vector(Memory memory, boolean degraded, Instant at) {
        return new MemoryVector(memory.namespace(), memory.id(), memory.contentHash(),
                TestVectors.unit(384, memory.id().hashCode() ^ memory.namespace().hashCode()), "test", degraded, at);
    }

    private static List<String> ids(List<Memory> memories) {
        return memories.stream().map(Memory::id).toList();
    }
}
