package dev.embedgate.memory;

import dev.embedgate.embedding.Caller;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.memory.migration.CallerLookup;
import dev.embedgate.memory.migration.MigrationService;
import dev.embedgate.memory.migration.MigrationSettings;
import dev.embedgate.space.EmbeddingSpace;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The vector memory that HTTP, the CLI and Java callers share: save, read, patch, delete and recall memories, each
 * vector tagged with its embedding space and never compared across spaces. Memories are embedded through the
 * gateway's own pipeline (cache, limits, retries, failover, budgets, the ledger); what cannot be embedded now is kept
 * and embedded by a background worker. Thread-safe; close it to stop the worker (the store is the caller's).
 */
public final class MemoryService implements AutoCloseable {

    public static final String DEFAULT_NAMESPACE = "default";
    public static final double DEFAULT_IMPORTANCE = 0.5;

    private final MemoryStore store;
    private final EmbeddingSpace defaultSpace;
    private final MemoryWriter writer;
    private final Recaller recaller;
    private final PendingEmbedder worker;
    private final MigrationService migrations;
    private final Clock clock;

    public MemoryService(MemoryStore store, EmbeddingService embeddings, MemorySettings settings, Clock clock) {
        this(store, embeddings, settings, MigrationSettings.DEFAULTS, CallerLookup.ANONYMOUS, clock);
    }

    /**
     * @param migrations how this instance works on re-embedding migrations
     * @param callers    the caller a migration is billed to, from the key it was started with
     */
    public MemoryService(MemoryStore store, EmbeddingService embeddings, MemorySettings settings,
                         MigrationSettings migrations, CallerLookup callers, Clock clock) {
        this.store = store;
        this.clock = clock;
        var embedder = new SpaceEmbedder(embeddings, clock);
        this.defaultSpace = settings.model() == null ? embeddings.registry().defaultRoute().space()
                : embedder.space(settings.model());
        store.addSpace(defaultSpace.id(), defaultSpace.dimensions());
        this.worker = new PendingEmbedder(store, embedder, settings);
        this.migrations = new MigrationService(store, defaultSpace, embeddings, migrations, callers, clock);
        this.writer = new MemoryWriter(store, embedder, settings, defaultSpace.id(), clock, worker::wakeUp,
                this.migrations::alsoEmbedIn);
        this.recaller = new Recaller(store, embedder, defaultSpace.id(), settings.maxContentChars(), clock);
        worker.start();
    }

    /**
     * Saves memories (upserts by namespace and id) and embeds them in their namespaces' active spaces. Never fails
     * because a provider cannot serve: such memories are saved pending.
     *
     * @param embedNow false to leave the embedding to the background worker
     * @throws InvalidRequestException when a memory is invalid; then none is saved
     */
    public List<SavedMemory> save(List<NewMemory> memories, Caller caller, boolean embedNow) {
        return writer.save(memories, caller, embedNow);
    }

    public Optional<Memory> get(String namespace, String id) {
        return store.get(MemoryNames.namespace(namespace, "namespace"), MemoryNames.id(id, "id"));
    }

    /** Changes metadata or importance; the content and its vectors stay. Empty when there is no such memory. */
    public Optional<Memory> update(String namespace, String id, MemoryPatch patch) {
        return store.update(MemoryNames.namespace(namespace, "namespace"), MemoryNames.id(id, "id"), patch,
                clock.instant());
    }

    public boolean delete(String namespace, String id) {
        return store.delete(MemoryNames.namespace(namespace, "namespace"), MemoryNames.id(id, "id"));
    }

    /**
     * Deletes the namespace's memories that match the filter. A filter that matches everything is refused: deleting
     * a whole namespace must be asked for with an explicit condition.
     */
    public long deleteWhere(String namespace, MemoryFilter filter) {
        if (filter.matchesAll()) {
            throw new InvalidRequestException("a delete by filter needs a condition; an empty filter would delete "
                    + "every memory of the namespace", "filter", "empty_filter");
        }
        return store.deleteWhere(MemoryNames.namespace(namespace, "namespace"), filter);
    }

    /** The memories that best answer the request, never comparing vectors of different spaces. */
    public Recall recall(RecallRequest request, Caller caller) {
        return recaller.recall(request, caller);
    }

    /** The space new namespaces start in. */
    public EmbeddingSpace defaultSpace() {
        return defaultSpace;
    }

    /** What is stored, by namespace and by space. */
    public MemoryStats stats() {
        return store.stats();
    }

    /** Memories the background worker has embedded since start. */
    public long embeddedInBackground() {
        return worker.embedded();
    }

    /** Re-embedding migrations of this memory's namespaces. */
    public MigrationService migrations() {
        return migrations;
    }

    public String storeDescription() {
        return store.description();
    }

    @Override
    public void close() {
        migrations.close();
        worker.close();
    }
}
