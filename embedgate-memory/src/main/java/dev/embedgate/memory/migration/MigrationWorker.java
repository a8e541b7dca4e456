package dev.embedgate.memory.migration;

import dev.embedgate.embedding.Caller;
import dev.embedgate.error.BudgetExceededException;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.error.ModelNotAllowedException;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RateLimitedException;
import dev.embedgate.error.RequestCancelledException;
import dev.embedgate.memory.Memory;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread working on one migration: claims a batch, embeds it in the target space, stores the vectors, and again,
 * until nothing is left (then the migration is backfilled) or the migration is no longer running. A memory the
 * provider refuses is tried again later and listed once its tries are used up; the run goes on. When the target
 * space's providers all fail, the migration waits and tries again by itself (its state says so); when a budget is
 * spent, it stops with that reason until resumed.
 */
final class MigrationWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationWorker.class);
    private static final Duration IDLE = Duration.ofMillis(200);
    /** Memories of a batch that fail alone at the provider, none served, before the provider is taken to be down. */
    private static final int OUTAGE_AFTER = 3;

    private final String migrationId;
    private final String workerId;
    private final MigrationStore migrations;
    private final TargetBatch batches;
    private final RatePacer pacer;
    private final TokenCounter tokens;
    private final Caller caller;
    private final MigrationSettings settings;
    private final Clock clock;
    private final BooleanSupplier stopped;
    private Duration outageBackoff;

    MigrationWorker(String migrationId, String workerId, MigrationStore migrations, TargetBatch batches,
                    RatePacer pacer, TokenCounter tokens, Caller caller, MigrationSettings settings, Clock clock,
                    BooleanSupplier stopped) {
        this.migrationId = migrationId;
        this.workerId = workerId;
        this.migrations = migrations;
        this.batches = batches;
        this.pacer = pacer;
        this.tokens = tokens;
        this.caller = caller;
        this.settings = settings;
        this.clock = clock;
        this.stopped = stopped;
        this.outageBackoff = settings.retryBackoff();
    }

    @Override
    public void run() {
        try {
            while (!stopped.getAsBoolean()) {
                Migration migration = migrations.find(migrationId).orElse(null);
                if (migration == null || !migration.state().working()) {
                    return;
                }
                Instant now = clock.instant();
                if (migration.state() == MigrationState.WAITING && migration.resumeAt() != null
                        && now.isBefore(migration.resumeAt())) {
                    sleep(min(settings.poll(), Duration.between(now, migration.resumeAt())));
                    continue;
                }
                MigrationClaim claim = migrations.claim(migrationId, workerId, migration.batchSize(), settings.lease());
                switch (claim.outcome()) {
                    case DONE -> {
                        backfilled();
                        return;
                    }
                    case WAIT -> sleep(IDLE);
                    case CLAIMED -> work(migration, claim.memories());
                }
            }
        } catch (InterruptedException | RequestCancelledException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("migration {}: worker {} stopped: {}", migrationId, workerId, e.toString());
        } finally {
            releaseQuietly();
        }
    }

    /** Embeds and stores a claimed batch; what fails is retried later, waited out or stops the migration. */
    private void work(Migration migration, List<Memory> memories) throws InterruptedException {
        try {
            embedBatch(migration, memories);
        } catch (ProviderFailureException | ModelNotFoundException e) {
            outage(e);
        } catch (BudgetExceededException e) {
            migrations.release(migrationId, workerId);
            changeIfWorking(MigrationState.STOPPED, "a budget is spent: " + e.getMessage() + "; resume once it allows",
                    null);
        } catch (ModelNotAllowedException e) {
            migrations.release(migrationId, workerId);
            changeIfWorking(MigrationState.STOPPED, "the key it was started with may no longer use the target model ("
                    + e.getMessage() + "); allow it, or cancel the migration", null);
        } catch (RateLimitedException e) {
            migrations.release(migrationId, workerId);
            sleep(e.retryAfter());
        } catch (OverloadedException e) {
            migrations.release(migrationId, workerId);
            sleep(e.retryAfter());
        }
    }

    /**
     * The batch at once; when the provider is down, that failure is thrown (the migration waits). When it refuses
     * the batch (a text it cannot take, or an answer it cannot give for some text), the memories one at a time: each that fails alone counts a try (tried again after a backoff, listed
     * once its tries are used up). When the first few of them, none served, all fail at the provider, the provider is
     * down: that failure is thrown, and the migration waits.
     */
    private void embedBatch(Migration migration, List<Memory> memories) throws InterruptedException {
        EmbedGateException batchFailure = tryToStore(migration, memories);
        if (batchFailure == null) {
            outageBackoff = settings.retryBackoff();
            return;
        }
        if (batchFailure instanceof ProviderFailureException down && !aboutTheTexts(down)) {
            throw down;
        }
        boolean anyServed = false;
        int providerFailures = 0;
        for (Memory memory : memories) {
            EmbedGateException failure = memories.size() == 1 ? batchFailure : tryToStore(migration, List.of(memory));
            if (failure == null) {
                anyServed = true;
                continue;
            }
            fail(memory, describe(failure));
            if (failure instanceof InvalidRequestException) {
                anyServed = true;
            } else if (!anyServed && ++providerFailures >= Math.min(OUTAGE_AFTER, memories.size())) {
                throw (ProviderFailureException) failure;
            }
        }
    }

    /**
     * Whether a provider failure may be about some of the texts: an answer that failed validation (NaN, wrong length
     * or count, unreadable) or a refusal. Errors, timeouts, lost connections and open circuits say the provider is
     * down, whatever the texts.
     */
    private static boolean aboutTheTexts(ProviderFailureException failure) {
        return failure.getCause() instanceof ProviderCallException call
                && (call.kind() == ProviderCallException.Kind.INVALID_RESPONSE
                || call.kind() == ProviderCallException.Kind.REJECTED);
    }

    /** Null when stored; the failure when the provider refused the texts or could not embed them. */
    private EmbedGateException tryToStore(Migration migration, List<Memory> memories) throws InterruptedException {
        try {
            store(migration, memories);
            return null;
        } catch (InvalidRequestException | ProviderFailureException e) {
            return e;
        }
    }

    /** The failure and what the provider call said, for the operator's list of failed memories. */
    private static String describe(EmbedGateException failure) {
        Throwable cause = failure.getCause();
        return cause == null || cause.getMessage() == null ? failure.getMessage()
                : failure.getMessage() + " (" + cause.getMessage() + ")";
    }

    private void fail(Memory memory, String error) {
        migrations.fail(migrationId, List.of(MemoryKey.of(memory)), error, settings.maxAttempts(),
                settings.retryBackoff());
    }

    private void store(Migration migration, List<Memory> memories) throws InterruptedException {
        if (pacer.countsTokens()) {
            pacer.acquire(memories.stream().mapToLong(memory -> tokens.count(memory.content())).sum());
        } else {
            pacer.acquire(0);
        }
        TargetBatch.Made made = batches.embed(migration.targetSpace(), memories, caller);
        migrations.complete(migrationId, made.vectors(), made.totals());
        if (migration.state() == MigrationState.WAITING) {
            migrations.update(migrationId, current -> current.state() == MigrationState.WAITING
                    ? current.withState(MigrationState.RUNNING, null, null, clock.instant()) : current);
            // Memories given up while the provider was down failed because of it: they get another chance.
            int retried = migrations.retryFailed(migrationId);
            LOG.info("migration {}: the target space's providers answer again; running ({} given-up memories "
                    + "retried)", migrationId, retried);
        }
    }

    private void outage(EmbedGateException e) {
        migrations.release(migrationId, workerId);
        Instant resumeAt = clock.instant().plus(outageBackoff);
        changeIfWorking(MigrationState.WAITING, "the target space's providers failed: " + e.getMessage()
                + "; trying again by itself", resumeAt);
        LOG.info("migration {}: target providers failed ({}); waiting {} ms", migrationId,
                e.getClass().getSimpleName(), outageBackoff.toMillis());
        outageBackoff = min(outageBackoff.multipliedBy(2), settings.maxOutageBackoff());
    }

    private void backfilled() {
        migrations.update(migrationId, current -> current.state().working()
                ? current.withState(MigrationState.BACKFILLED, null, null, clock.instant()) : current);
    }

    private void changeIfWorking(MigrationState state, String reason, Instant resumeAt) {
        migrations.update(migrationId, current -> current.state().working()
                ? current.withState(state, reason, resumeAt, clock.instant()) : current);
    }

    private void releaseQuietly() {
        try {
            migrations.release(migrationId, workerId);
        } catch (RuntimeException e) {
            LOG.debug("migration {}: leases of {} not released ({}); they end by themselves", migrationId, workerId,
                    e.toString());
        }
    }

    private void sleep(Duration duration) throws InterruptedException {
        long millis = Math.max(1, duration.toMillis());
        long end = System.nanoTime() + millis * 1_000_000;
        while (!stopped.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
