package dev.embedgate.memory.migration;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.error.ConflictException;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.error.ModelNotAllowedException;
import dev.embedgate.error.NotFoundException;
import dev.embedgate.memory.MemoryNames;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.space.EmbeddingSpace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Re-embedding migrations: plan, start, pause, resume, cancel, verify, cut over, roll back, and drop a retired
 * space. The work runs in the background on every instance sharing the store ({@link MigrationRunner}); this is what
 * HTTP, the CLI and Java callers share. Recall keeps using each namespace's active space throughout: a migration
 * only adds vectors in its target space until its cutover switches the active space in one step.
 */
public final class MigrationService implements AutoCloseable {

    private static final int FAILURES_SHOWN = 20;

    private final MemoryStore store;
    private final EmbeddingSpace defaultSpace;
    private final EmbeddingService embeddings;
    private final CallerLookup callers;
    private final Clock clock;
    private final MigrationPlanner planner;
    private final Verifier verifier;
    private final DualWrites dualWrites = new DualWrites();
    private final RateMeter meter = new RateMeter();
    private final MigrationRunner runner;
    private final ReentrantLock starting = new ReentrantLock();

    /** @param defaultSpace the space new namespaces start in: it stays known to the store when dropped */
    public MigrationService(MemoryStore store, EmbeddingSpace defaultSpace, EmbeddingService embeddings,
                            MigrationSettings settings, CallerLookup callers, Clock clock) {
        this.store = store;
        this.defaultSpace = defaultSpace;
        this.embeddings = embeddings;
        this.callers = callers;
        this.clock = clock;
        this.planner = new MigrationPlanner(store, embeddings);
        this.verifier = new Verifier(store, embeddings);
        this.runner = new MigrationRunner(store.migrations(), embeddings, settings, callers, clock, dualWrites, meter);
        runner.start();
    }

    /** What a migration would do; nothing is written. */
    public MigrationPlan plan(MigrationRequest request) {
        Validated valid = validated(request, clock.instant());
        return planner.plan(valid.scope(), valid.route(), valid.batchSize(), valid.rateShare());
    }

    /**
     * Starts a migration; this and every other instance sharing the store work on it in the background.
     *
     * @param caller who starts it: its work is billed to the caller's key, within its budgets
     * @throws ConflictException         when a migration of an overlapping scope is not finished
     * @throws ModelNotAllowedException  when the caller's key may not use the target model
     */
    public MigrationStatus start(MigrationRequest request, Caller caller) {
        Instant now = clock.instant();
        Validated valid = validated(request, now);
        if (!caller.mayUse(valid.route())) {
            throw new ModelNotAllowedException(request.to(), caller.apiKeyId());
        }
        if (!request.force() && alreadyActive(valid.scope())) {
            throw new ConflictException(valid.scope().targetSpace() + " is already the active space of every namespace "
                    + "of this migration; nothing to migrate (force re-embeds their memories)", "already_active");
        }
        String id = "mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        var migration = new Migration(id, valid.scope(), valid.batchSize(), valid.rateShare(), caller.apiKeyId(),
                MigrationState.RUNNING, null, null, Map.of(), MigrationTotals.NONE, now, now, null, null);
        // Checked and created in one step, so that two starts at once cannot both pass the check (on this instance).
        starting.lock();
        try {
            refuseOverlap(valid.scope());
            store.addSpace(valid.route().space().id(), valid.route().space().dimensions());
            store.migrations().create(migration);
        } finally {
            starting.unlock();
        }
        runner.refresh();
        return status(migration.id());
    }

    /** Whether every namespace of the scope (there being some) has the target as its active space already. */
    private boolean alreadyActive(MigrationScope scope) {
        List<String> namespaces = scope.everyNamespace() ? store.namespaces() : scope.namespaces();
        return !namespaces.isEmpty() && namespaces.stream()
                .allMatch(namespace -> store.activeSpace(namespace).filter(scope.targetSpace()::equals).isPresent());
    }

    private void refuseOverlap(MigrationScope scope) {
        for (Migration other : store.migrations().list()) {
            if (other.state().live() && overlaps(other.scope(), scope)) {
                throw new ConflictException("migration " + other.id() + " (" + other.state().name().toLowerCase()
                        + ") covers some of these namespaces; cancel it or cut it over first", "migration_in_progress");
            }
        }
    }

    public List<MigrationStatus> list() {
        return store.migrations().list().stream().map(this::status).toList();
    }

    /** Migrations not yet cut over or cancelled: running, waiting, paused, stopped or backfilled. */
    public long underWay() {
        return store.migrations().list().stream().filter(migration -> migration.state().live()).count();
    }

    /** @throws NotFoundException when there is no such migration */
    public MigrationStatus status(String id) {
        return status(find(id));
    }

    public MigrationStatus pause(String id) {
        return transition(id, "pause", current -> switch (current.state()) {
            case RUNNING, WAITING, STOPPED -> current.withState(MigrationState.PAUSED, "paused on request", null,
                    clock.instant());
            case PAUSED -> current;
            default -> null;
        });
    }

    /** Goes on after a pause, a spent budget or an outage; a backfilled one tries its failed memories again. */
    public MigrationStatus resume(String id) {
        Migration migration = find(id);
        if (migration.state() == MigrationState.BACKFILLED) {
            store.migrations().retryFailed(id);
        }
        return transition(id, "resume", current -> switch (current.state()) {
            case PAUSED, STOPPED, WAITING, BACKFILLED -> current.withState(MigrationState.RUNNING, null, null,
                    clock.instant());
            case RUNNING -> current;
            default -> null;
        });
    }

    /** Stops it before cutover; the target vectors made stay until the space is dropped. */
    public MigrationStatus cancel(String id) {
        return transition(id, "cancel", current -> current.state().live()
                ? current.withState(MigrationState.CANCELLED, "cancelled on request", null, clock.instant())
                : current.state() == MigrationState.CANCELLED ? current : null);
    }

    /**
     * Compares recall in the old and the new space.
     *
     * @param sample  stored memories used as queries when no queries are given
     * @param k       results compared per query
     * @param queries texts to use as queries instead (each in every namespace of the scope)
     */
    public Verification verify(String id, int sample, int k, List<String> queries) {
        if (sample < 1 || sample > Verifier.MAX_QUERIES) {
            throw new InvalidRequestException("sample must be 1.." + Verifier.MAX_QUERIES, "sample", "invalid_sample");
        }
        if (k < 1 || k > Verifier.MAX_K) {
            throw new InvalidRequestException("k must be 1.." + Verifier.MAX_K, "k", "invalid_k");
        }
        Migration migration = find(id);
        return verifier.verify(migration, sample, k, queries, callers.caller(migration.startedBy()));
    }

    /**
     * Makes the target the active space of every namespace of the migration, all at once. The old vectors stay, and
     * saves go on being embedded in the old space too, so that a rollback is immediate and complete.
     *
     * @param force switch even though some memories lack a target vector (they are embedded by the background worker
     *              afterwards, and until then not found by vector recall)
     * @throws ConflictException when memories are missing and not forced, or the migration cannot be cut over
     */
    public MigrationStatus cutover(String id, boolean force) {
        Migration migration = find(id);
        if (migration.state() == MigrationState.CUT_OVER) {
            return status(migration);
        }
        if (!migration.state().live()) {
            throw new ConflictException("migration " + id + " is " + migration.state().name().toLowerCase()
                    + "; only a migration under way or backfilled can be cut over", "invalid_state");
        }
        MigrationCounts counts = store.migrations().counts(id);
        if (counts.missing() > 0 && !force) {
            boolean resumed = counts.missing() > counts.failed() && migration.state() == MigrationState.BACKFILLED;
            if (resumed) {
                // Saved since the backfill without a target vector (embedded in the background, or their dual write
                // failed): the migration embeds them first.
                resume(id);
            }
            throw new ConflictException(counts.missing() + " of " + counts.total() + " memories still lack a vector in "
                    + migration.targetSpace() + " (" + counts.failed() + " failed); " + (resumed
                    ? "the migration is running again to embed those saved since its backfill; cut over once it is "
                    + "backfilled" : "let the migration finish, resume it to retry failures, or cut over with force"),
                    "migration_incomplete");
        }
        List<String> namespaces = migration.scope().everyNamespace() ? store.namespaces()
                : migration.scope().namespaces();
        Map<String, String> previous = new LinkedHashMap<>();
        Map<String, String> target = new LinkedHashMap<>();
        for (String namespace : namespaces) {
            store.activeSpace(namespace).ifPresent(space -> previous.put(namespace, space));
            target.put(namespace, migration.targetSpace());
        }
        MigrationStatus status = transition(id, "cut over", current -> current.state().live()
                ? current.cutOver(previous, clock.instant()) : null);
        store.setActiveSpaces(target);
        runner.refresh();
        return status;
    }

    /** Makes the spaces active before cutover active again, at once. */
    public MigrationStatus rollback(String id) {
        Migration migration = find(id);
        if (migration.state() != MigrationState.CUT_OVER) {
            throw new ConflictException("migration " + id + " is " + migration.state().name().toLowerCase()
                    + "; only a cut-over migration can be rolled back", "invalid_state");
        }
        for (Migration later : store.migrations().list()) {
            if (later.createdAt().isAfter(migration.createdAt()) && overlaps(later.scope(), migration.scope())
                    && (later.state().live() || later.state() == MigrationState.CUT_OVER)) {
                throw new ConflictException("migration " + later.id() + " came after it on some of these namespaces; "
                        + "roll it back or cancel it first", "later_migration");
            }
        }
        store.setActiveSpaces(migration.previousSpaces());
        MigrationStatus status = transition(id, "roll back", current -> current.state() == MigrationState.CUT_OVER
                ? current.rolledBack(clock.instant()) : null);
        runner.refresh();
        return status;
    }

    /**
     * Deletes a retired space's vectors and index. Refused while the space is active anywhere or a live migration
     * targets it; a cut-over migration that replaced it is finished (it can no longer roll back). The space new
     * namespaces start in is registered again, empty.
     *
     * @return the vectors deleted
     */
    public long dropSpace(String space) {
        for (Migration migration : store.migrations().list()) {
            if (migration.state().live() && migration.targetSpace().equals(space)) {
                throw new ConflictException("migration " + migration.id() + " is filling " + space
                        + "; cancel it first", "space_in_use");
            }
        }
        long dropped;
        try {
            dropped = store.dropSpace(space);
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage(), "space_in_use");
        }
        if (space.equals(defaultSpace.id())) {
            // New namespaces still start in it (memory.model): known again, now empty, they can.
            store.addSpace(defaultSpace.id(), defaultSpace.dimensions());
        }
        for (Migration migration : store.migrations().list()) {
            if (migration.state() == MigrationState.CUT_OVER && migration.previousSpaces().containsValue(space)) {
                store.migrations().update(migration.id(), current -> current.state() == MigrationState.CUT_OVER
                        ? current.withState(MigrationState.FINISHED, space + " was dropped", null, clock.instant())
                        : current);
            }
        }
        runner.refresh();
        return dropped;
    }

    /** Spaces a save in the namespace is embedded in besides the active one (dual writes). */
    public Set<String> alsoEmbedIn(String namespace) {
        return dualWrites.extraSpaces(namespace);
    }

    private MigrationStatus transition(String id, String action, UnaryOperator<Migration> change) {
        var refused = new ArrayList<MigrationState>(1);
        Migration updated = store.migrations().update(id, current -> {
            Migration next = change.apply(current);
            if (next == null) {
                refused.add(current.state());
                return current;
            }
            return next;
        }).orElseThrow(() -> notFound(id));
        if (!refused.isEmpty()) {
            throw new ConflictException("cannot " + action + " migration " + id + ": it is "
                    + refused.getFirst().name().toLowerCase(), "invalid_state");
        }
        runner.wakeUp();
        return status(updated);
    }

    private MigrationStatus status(Migration migration) {
        MigrationCounts counts = store.migrations().counts(migration.id());
        meter.sample(migration);
        Double rate = migration.state().working() ? meter.perSecond(migration.id()) : null;
        Long eta = rate == null || rate <= 0 ? null : (long) Math.ceil(counts.missing() / rate);
        return new MigrationStatus(migration, counts, store.migrations().failures(migration.id(), FAILURES_SHOWN),
                rate, eta);
    }

    private Migration find(String id) {
        return store.migrations().find(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no migration " + id + "; GET /v1/migrations lists them", "migration_not_found");
    }

    private static boolean overlaps(MigrationScope a, MigrationScope b) {
        return a.everyNamespace() || b.everyNamespace() || a.namespaces().stream().anyMatch(b.namespaces()::contains);
    }

    private record Validated(MigrationScope scope, ModelRoute route, int batchSize, double rateShare) {
    }

    private Validated validated(MigrationRequest request, Instant now) {
        if (request.to() == null || request.to().isBlank()) {
            throw new InvalidRequestException("say which model or space to migrate to ('to')", "to", "missing_target");
        }
        ModelRoute route = embeddings.registry().resolveSpace(request.to());
        var namespaces = new ArrayList<String>();
        for (int i = 0; i < request.namespaces().size(); i++) {
            namespaces.add(MemoryNames.namespace(request.namespaces().get(i), "namespaces[" + i + "]"));
        }
        int batchSize = request.batchSize() == null ? MigrationSettings.DEFAULT_BATCH_SIZE : request.batchSize();
        if (batchSize < 1 || batchSize > Migration.MAX_BATCH_SIZE) {
            throw new InvalidRequestException("batch_size must be 1.." + Migration.MAX_BATCH_SIZE, "batch_size",
                    "invalid_batch_size");
        }
        double share = request.maxRateShare() == null ? MigrationSettings.DEFAULT_RATE_SHARE : request.maxRateShare();
        if (!(share > 0 && share <= 1)) {
            throw new InvalidRequestException("max_rate_share must be more than 0 and at most 1", "max_rate_share",
                    "invalid_rate_share");
        }
        var scope = new MigrationScope(namespaces, route.space().id(), request.force() ? now : null);
        return new Validated(scope, route, batchSize, share);
    }

    /** Stops this instance's workers; migrations stay as they are in the store and go on when it starts again. */
    @Override
    public void close() {
        runner.close();
    }
}
