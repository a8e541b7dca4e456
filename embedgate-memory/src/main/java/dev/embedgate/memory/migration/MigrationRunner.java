package dev.embedgate.memory.migration;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.limits.RateLimit;
import dev.embedgate.memory.WakeableWait;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.TokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's part in every running migration: a supervisor thread reads the store's migrations each
 * {@link MigrationSettings#poll()} (so a migration started, paused or resumed by another instance is seen within it),
 * keeps {@link MigrationSettings#workers()} workers on each running one, and keeps the dual writes and the rate
 * meter current.
 */
final class MigrationRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final MigrationStore migrations;
    private final EmbeddingService embeddings;
    private final TargetBatch batches;
    private final MigrationSettings settings;
    private final CallerLookup callers;
    private final Clock clock;
    private final DualWrites dualWrites;
    private final RateMeter meter;
    private final String instanceId = "i" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString()
            .substring(0, 8);
    private final Map<String, List<Thread>> workers = new ConcurrentHashMap<>();
    private final WakeableWait poll = new WakeableWait();
    private final Thread supervisor;
    private volatile boolean closed;

    MigrationRunner(MigrationStore migrations, EmbeddingService embeddings, MigrationSettings settings,
                    CallerLookup callers, Clock clock, DualWrites dualWrites, RateMeter meter) {
        this.migrations = migrations;
        this.embeddings = embeddings;
        this.batches = new TargetBatch(embeddings, clock);
        this.settings = settings;
        this.callers = callers;
        this.clock = clock;
        this.dualWrites = dualWrites;
        this.meter = meter;
        this.supervisor = Thread.ofVirtual().name("migration-supervisor").unstarted(this::supervise);
    }

    void start() {
        refresh();
        supervisor.start();
    }

    /** Looks at the store now rather than at the next poll (a migration was started or changed here). */
    void wakeUp() {
        poll.wakeUp();
    }

    /** Reads the migrations and acts on them now, on the caller's thread. */
    void refresh() {
        List<Migration> all = migrations.list();
        dualWrites.refresh(all);
        for (Migration migration : all) {
            meter.sample(migration);
            if (migration.state().working() && !closed) {
                workers.compute(migration.id(), (id, running) -> running != null
                        && running.stream().anyMatch(Thread::isAlive) ? running : spawn(migration));
            }
        }
    }

    private void supervise() {
        while (!closed) {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warn("migrations could not be read: {}", e.toString());
            }
            awaitPoll();
        }
    }

    private List<Thread> spawn(Migration migration) {
        RatePacer pacer = new RatePacer(RateLimit.UNLIMITED, 1);
        TokenCounter tokens = TokenCounter.estimate();
        try {
            ModelRoute route = embeddings.registry().resolveSpace(migration.targetSpace());
            EmbeddingProvider provider = route.primary().provider();
            pacer = new RatePacer(route.primary().path().limiter().limit(), migration.maxRateShare());
            tokens = provider::countTokens;
        } catch (EmbedGateException e) {
            LOG.info("migration {}: no route serves {} here ({}); its workers will say so", migration.id(),
                    migration.targetSpace(), e.getMessage());
        }
        var threads = new ArrayList<Thread>(settings.workers());
        for (int i = 0; i < settings.workers(); i++) {
            String workerId = instanceId + "-" + migration.id() + "-" + i;
            var worker = new MigrationWorker(migration.id(), workerId, migrations, batches, pacer, tokens,
                    callers.caller(migration.startedBy()), settings, clock, () -> closed);
            threads.add(Thread.ofVirtual().name("migration-" + migration.id() + "-" + i).start(worker));
        }
        LOG.info("migration {}: {} worker(s) on this instance ({})", migration.id(), threads.size(), instanceId);
        return threads;
    }

    private void awaitPoll() {
        try {
            poll.pause(settings.poll());
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    /** Stops the workers (their leases are released, their batches in flight dropped) and the supervisor. */
    @Override
    public void close() {
        closed = true;
        wakeUp();
        var all = new ArrayList<Thread>();
        if (supervisor.getState() != Thread.State.NEW) {
            all.add(supervisor);
        }
        workers.values().forEach(all::addAll);
        // Workers notice within 50 ms unless a call holds them; such a call is cut after a short grace.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (Thread thread : all) {
            try {
                if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
