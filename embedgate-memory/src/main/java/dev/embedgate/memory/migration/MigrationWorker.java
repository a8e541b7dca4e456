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
import dev.embedgate.provider.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    /** Memories in a row that fail alone at the provider, none served, before the provider is taken to be down. */
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
     * The batch at once; when the provider refuses it (a text it cannot take, or an answer it cannot give for some
     * text), the memories one at a time, so that those at fault fail alone. When the first few all fail at the
     * provider too, it is an outage, not these memories: that failure is thrown.
     */
    private void embedBatch(Migration migration, List<Memory> memories) throws InterruptedException {
        try {
            store(migration, memories);
            outageBackoff = settings.retryBackoff();
            return;
        } catch (InvalidRequestException e) {
            LOG.debug("migration {}: a batch was refused ({}); one memory at a time", migrationId, e.getMessage());
        } catch (ProviderFailureException e) {
            if (memories.size() == 1) {
                throw e;
            }
        }
        ProviderFailureException providerFailure = null;
        var providerRefused = new ArrayList<Memory>();
        boolean anyServed = false;
        for (Memory memory : memories) {
            try {
                store(migration, List.of(memory));
                anyServed = true;
            } catch (InvalidRequestException e) {
                anyServed = true;
                fail(List.of(memory), e.getMessage());
            } catch (ProviderFailureException e) {
                providerFailure = e;
                providerRefused.add(memory);
                if (!anyServed && providerRefused.size() >= OUTAGE_AFTER) {
                    throw e;
                }
            }
        }
        if (providerFailure != null && !anyServed) {
            throw providerFailure;
        }
        if (!providerRefused.isEmpty()) {
            fail(providerRefused, providerFailure.getMessage());
        }
    }

    private void fail(List<Memory> memories, String error) {
        migrations.fail(migrationId, memories.stream().map(MemoryKey::of).toList(), error, settings.maxAttempts(),
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
            LOG.info("migration {}: the target space's providers answer again; running", migrationId);
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
