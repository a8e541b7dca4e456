package dev.embedgate.bench.migration;

import dev.embedgate.embedding.Caller;
import dev.embedgate.memory.MemoryService;
import dev.embedgate.memory.migration.Migration;
import dev.embedgate.memory.migration.MigrationRequest;
import dev.embedgate.memory.migration.MigrationService;
import dev.embedgate.memory.migration.MigrationState;
import dev.embedgate.memory.migration.MigrationStore;
import dev.embedgate.memory.migration.MigrationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One migration of a namespace, timed from its start to the moment its record says {@code backfilled} (the
 * worker that found nothing left to claim sets {@link Migration#backfilledAt()}), then checked: every memory has a
 * target vector, none failed, and the memory's background worker embedded nothing meanwhile. While it runs, only its
 * record is read, a few times a second (the status with its counts is read once, at the end): the end time is the
 * record's, so polling adds no error, only work. It is cancelled afterwards (its vectors stay), so that it holds no
 * namespace.
 */
final class TimedMigration {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration LONGEST = Duration.ofMinutes(30);

    private final MemoryService memory;
    private final MigrationStore records;
    private final String targetModel;
    private final int batchSize;

    /** @param records the migration records of the memory's store */
    TimedMigration(MemoryService memory, MigrationStore records, String targetModel, int batchSize) {
        this.memory = memory;
        this.records = records;
        this.targetModel = targetModel;
        this.batchSize = batchSize;
    }

    /** @param expected memories in the namespace, all without a target vector */
    BackfillRun run(String namespace, long expected, int round) throws InterruptedException {
        MigrationService migrations = memory.migrations();
        long pendingBefore = memory.embeddedInBackground();
        Instant start = Instant.now();
        var request = new MigrationRequest(targetModel, List.of(namespace), batchSize, false, 1.0);
        String id = migrations.start(request, Caller.ANONYMOUS).migration().id();
        long deadline = System.nanoTime() + LONGEST.toNanos();
        Migration done = records.find(id).orElseThrow();
        while (done.state() != MigrationState.BACKFILLED) {
            if (!done.state().working() || System.nanoTime() > deadline) {
                throw new IllegalStateException("migration " + id + " of " + namespace + " is " + done.state() + " ("
                        + done.reason() + ") after " + Duration.between(start, Instant.now()).toSeconds() + " s, with "
                        + migrations.status(id).counts());
            }
            Thread.sleep(POLL);
            done = records.find(id).orElseThrow();
        }
        MigrationStatus status = migrations.status(id);
        if (status.counts().done() != expected || status.counts().total() != expected || status.counts().failed() != 0) {
            throw new IllegalStateException("migration " + id + " of " + namespace + " backfilled with " + status.counts()
                    + " where " + expected + " memories were expected, none failed");
        }
        if (memory.embeddedInBackground() != pendingBefore) {
            throw new IllegalStateException("the memory's background worker embedded "
                    + (memory.embeddedInBackground() - pendingBefore) + " memories during the migration of " + namespace);
        }
        migrations.cancel(id);
        Migration finished = status.migration();
        double seconds = Duration.between(start, finished.backfilledAt()).toNanos() / 1e9;
        return new BackfillRun(BackfillRun.MIGRATION, round, finished.totals().embedded(), finished.totals().tokens(),
                seconds);
    }
}
