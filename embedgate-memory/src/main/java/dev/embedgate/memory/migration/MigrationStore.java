package dev.embedgate.memory.migration;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.PendingCursor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where a memory store keeps its migrations and hands out their work: the checkpoint that makes a run resumable and
 * the leases that let several workers (threads, or gateway instances sharing PostgreSQL) split one migration without
 * doing a memory twice. Every store passes {@code MigrationStoreContract}.
 *
 * <p>The work of a migration is every memory of its scope without a target vector (one made after
 * {@link MigrationScope#reembedBefore()} when forced; a degraded stand-in does not count). Progress is the vectors
 * themselves: a memory that has one is never claimed again, so a crash loses at most the batches in flight, and a
 * target vector is stored at most once per memory (one vector per memory and space). Thread-safe; on PostgreSQL
 * safe across processes.
 */
public interface MigrationStore {

    /**
     * Records a new migration.
     *
     * @throws IllegalStateException when its id is taken
     */
    void create(Migration migration);

    Optional<Migration> find(String id);

    /** Every migration, newest first. */
    List<Migration> list();

    /**
     * Applies {@code change} to the migration as stored now and stores what it returns, atomically against every
     * other update, claim and completion (of every process). Empty when there is no such migration.
     */
    Optional<Migration> update(String id, UnaryOperator<Migration> change);

    /**
     * Leases to {@code worker}, for {@code lease}, up to {@code limit} memories that the migration still has to do:
     * first those whose lease ended (their worker died or stalled, or their retry time after a failure came), then
     * fresh ones in (namespace, id) order after the migration's scan position, which advances and is kept (the
     * checkpoint). Memories another worker holds are never handed out while its lease lasts; concurrent claims do
     * wait for each other's memories (on PostgreSQL they skip each other's rows: {@code FOR UPDATE SKIP LOCKED});
     * only the scan position is advanced by one claim at a time.
     *
     * <p>When the scan reaches the end and no lease is held, the memories still missing are looked for once more
     * from the start (those saved meanwhile whose target embedding failed, or whose content changed while they were
     * embedded); none but given-up ones: {@link MigrationClaim.Outcome#DONE}.
     *
     * @throws IllegalArgumentException when there is no such migration
     */
    MigrationClaim claim(String migrationId, String worker, int limit, Duration lease);

    /**
     * Stores target vectors of claimed memories and ends their leases, and adds {@code totals} to the migration, in
     * one transaction. A vector is skipped as {@link dev.embedgate.memory.MemoryStore#putVectors} skips it (memory
     * gone, content changed); its memory is then claimable again later.
     *
     * @return the vectors stored
     */
    int complete(String migrationId, List<MemoryVector> vectors, MigrationTotals totals);

    /**
     * Ends the leases of memories whose embedding failed, counting an attempt each: a memory is claimable again
     * after {@code firstBackoff} doubled per earlier attempt, and given up (listed by {@link #failures}, no longer
     * claimed) once it has been tried {@code maxAttempts} times.
     */
    void fail(String migrationId, List<MemoryKey> memories, String error, int maxAttempts, Duration firstBackoff);

    /** Ends the worker's leases at once, counting no attempt (paused, cancelled, shutting down). */
    void release(String migrationId, String worker);

    /** Gives the given-up memories another chance: claimable at once, attempts reset. @return how many */
    int retryFailed(String migrationId);

    /** The migration's progress now. @throws IllegalArgumentException when there is no such migration */
    MigrationCounts counts(String migrationId);

    /** Given-up memories, in (namespace, id) order. */
    List<FailedMemory> failures(String migrationId, int limit);

    /**
     * Memories of the scope without a target vector (as a migration of that scope would claim them), in
     * (namespace, id) order after the cursor; nothing is leased or written. What a plan counts. A space the store
     * does not know yet holds no vectors: every memory of the scope is missing.
     *
     * @param after null to start at the beginning
     */
    List<Memory> missing(MigrationScope scope, PendingCursor after, int limit);

    /**
     * Memories in the scope and those with a target vector, without a migration (failed and leased are 0); none has
     * one in a space the store does not know yet.
     */
    MigrationCounts counts(MigrationScope scope);
}
