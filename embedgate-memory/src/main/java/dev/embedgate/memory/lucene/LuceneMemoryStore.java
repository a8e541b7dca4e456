package dev.embedgate.memory.lucene;

import dev.embedgate.files.OwnerOnly;
import dev.embedgate.memory.HnswSettings;
import dev.embedgate.memory.KeywordQuery;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryPatch;
import dev.embedgate.memory.MemoryStats;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.PendingCursor;
import dev.embedgate.memory.ScoredMemory;
import dev.embedgate.memory.VectorQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded memory store: Apache Lucene in one folder, one document per memory (BM25-indexed content, metadata
 * terms for filters, one HNSW vector field per space), with the known spaces in the index's commit data and each
 * namespace's active space in a document of its own ({@link SpaceRegistry}).
 *
 * <p>A write returns once it is committed (fsync) and visible to searches; concurrent writers share commits
 * ({@link GroupCommit}). Lucene replaces documents whole, so a write that changes a stored memory (a vector added, a
 * patch, a save keeping the creation time) reads its current version and writes the next under a lock on that memory
 * ({@link KeyLocks}), held until the new version is durable and visible. A batch is one atomic Lucene update. Only one
 * process at a time may open a folder (Lucene's write lock).
 */
public final class LuceneMemoryStore implements MemoryStore {

    private static final int LOCK_STRIPES = 1_024;

    private final Path folder;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final SpaceRegistry spaces;
    private final MemoryDocuments documents;
    private final MemorySearches searches;
    private final GroupCommit commits;
    private final KeyLocks locks = new KeyLocks(LOCK_STRIPES);

    private LuceneMemoryStore(Path folder, Directory directory, IndexWriter writer, Analyzer analyzer,
                              HnswSettings settings) throws IOException {
        this.folder = folder;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        var commitData = new HashMap<String, String>();
        writer.getLiveCommitData().forEach(entry -> commitData.put(entry.getKey(), entry.getValue()));
        Map<String, String> active = withSearcher(searcher -> ActiveSpaceDocuments.read(searcher.getIndexReader()));
        this.spaces = new SpaceRegistry(commitData, active, new RegistryWrites(writer));
        this.documents = new MemoryDocuments(spaces);
        this.searches = new MemorySearches(spaces, settings, analyzer);
        this.commits = new GroupCommit(() -> {
            writer.commit();
            searchers.maybeRefreshBlocking();
        });
    }

    /**
     * Opens the store in the folder (created owner-only if missing), with the HNSW settings for the graphs it builds.
     *
     * @throws IllegalStateException when another process (or another store in this one) has the folder open
     */
    public static LuceneMemoryStore open(Path folder, HnswSettings settings) {
        Path absolute = folder.toAbsolutePath().normalize();
        Directory directory = null;
        try {
            OwnerOnly.folder(absolute);
            directory = FSDirectory.open(absolute);
            Analyzer analyzer = new EnglishAnalyzer();
            var config = new IndexWriterConfig(analyzer).setCodec(new MemoryCodec(settings))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    // Every write commits: merging the small segments inside the commit would add its time to
                    // every write's; background merges catch up instead.
                    .setMaxFullFlushMergeWaitMillis(0);
            IndexWriter writer = new IndexWriter(directory, config);
            try {
                return new LuceneMemoryStore(absolute, directory, writer, analyzer, settings);
            } catch (IOException | RuntimeException e) {
                writer.rollback();
                throw e;
            }
        } catch (LockObtainFailedException e) {
            closeQuietly(directory, e);
            throw new IllegalStateException("the memory folder " + absolute + " is in use by another EmbedGate "
                    + "process (Lucene's write.lock is held); stop it, or give this server a data folder of its own",
                    e);
        } catch (IOException e) {
            closeQuietly(directory, e);
            throw new UncheckedIOException("cannot open the memory folder " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory, e);
            throw e;
        }
    }

    @Override
    public void addSpace(String space, int dimensions) {
        if (spaces.add(space, dimensions)) {
            durable();
        }
    }

    @Override
    public Optional<String> activeSpace(String namespace) {
        return spaces.active(namespace);
    }

    @Override
    public List<String> activeSpaces() {
        return spaces.activeSpaces().values().stream().distinct().sorted().toList();
    }

    @Override
    public String activeSpaceOrSet(String namespace, String space) {
        Optional<String> existing = spaces.setActiveIfAbsent(namespace, space);
        if (existing.isPresent()) {
            return existing.get();
        }
        durable();
        return space;
    }

    @Override
    public void setActiveSpace(String namespace, String space) {
        if (spaces.setActive(namespace, space)) {
            durable();
        }
    }

    @Override
    public List<Memory> save(List<Memory> memories) {
        if (memories.isEmpty()) {
            return List.of();
        }
        return rewrite(memories.stream().map(MemoryDocuments::key).toList(), versions -> {
            var stored = new ArrayList<Memory>(memories.size());
            for (Memory memory : memories) {
                Term key = MemoryDocuments.key(memory);
                StoredMemory before = versions.current(key);
                StoredMemory after = before == null ? new StoredMemory(memory, Map.of()) : before.replacedBy(memory);
                versions.put(key, after);
                stored.add(after.memory());
            }
            return stored;
        });
    }

    @Override
    public Optional<Memory> get(String namespace, String id) {
        Term key = MemoryDocuments.key(namespace, id);
        return read(searcher -> Optional.ofNullable(MemoryDocuments.memory(searcher, key)));
    }

    @Override
    public Optional<Memory> update(String namespace, String id, MemoryPatch patch, Instant now) {
        Term key = MemoryDocuments.key(namespace, id);
        return rewrite(List.of(key), versions -> {
            StoredMemory before = versions.current(key);
            if (before == null) {
                return Optional.empty();
            }
            StoredMemory patched = before.patched(patch, now);
            versions.put(key, patched);
            return Optional.of(patched.memory());
        });
    }

    @Override
    public boolean delete(String namespace, String id) {
        Term key = MemoryDocuments.key(namespace, id);
        try (var held = locks.lock(List.of(key.text()))) {
            if (withSearcher(searcher -> MemoryDocuments.memory(searcher, key)) == null) {
                return false;
            }
            writer.deleteDocuments(key);
            commits.awaitDurable();
            return true;
        } catch (IOException e) {
            throw failed("delete a memory", e);
        }
    }

    @Override
    public long deleteWhere(String namespace, MemoryFilter filter) {
        Query matching = FilterQueries.inNamespace(namespace, filter);
        // Every memory locked: the count is exactly what is deleted, with no write slipping in between.
        try (var held = locks.lockAll()) {
            long count = withSearcher(searcher -> searcher.count(matching));
            if (count > 0) {
                writer.deleteDocuments(matching);
                commits.awaitDurable();
            }
            return count;
        } catch (IOException e) {
            throw failed("delete memories", e);
        }
    }

    @Override
    public int putVectors(String space, List<MemoryVector> vectors) {
        int dimensions = spaces.dimensions(space);
        var units = new ArrayList<float[]>(vectors.size());
        for (MemoryVector vector : vectors) {
            units.add(UnitVectors.unit(vector.vector(), space, dimensions));
        }
        if (vectors.isEmpty()) {
            return 0;
        }
        List<Term> keys = vectors.stream().map(v -> MemoryDocuments.key(v.namespace(), v.memoryId())).toList();
        return rewrite(keys, versions -> {
            int stored = 0;
            for (int i = 0; i < vectors.size(); i++) {
                MemoryVector vector = vectors.get(i);
                StoredMemory before = versions.current(keys.get(i));
                if (before == null || !before.memory().contentHash().equals(vector.contentHash())) {
                    continue;
                }
                versions.put(keys.get(i), before.withVector(space, new StoredMemory.Vector(units.get(i),
                        vector.provider(), vector.degraded(), vector.embeddedAt())));
                stored++;
            }
            return stored;
        });
    }

    @Override
    public List<Memory> pending(String space, PendingCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return read(searcher -> searches.pending(searcher, space, after, limit));
    }

    @Override
    public List<ScoredMemory> nearest(VectorQuery query) {
        return read(searcher -> searches.nearest(searcher, query));
    }

    @Override
    public List<ScoredMemory> keyword(KeywordQuery query) {
        return read(searcher -> searches.keyword(searcher, query));
    }

    @Override
    public List<ScoredMemory> important(String namespace, int k, MemoryFilter filter) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        return read(searcher -> searches.important(searcher, namespace, k, filter));
    }

    @Override
    public List<String> spaces(String namespace) {
        return read(searcher -> searches.spaces(searcher, namespace));
    }

    @Override
    public MemoryStats stats() {
        return read(searcher -> StoreStats.count(searcher, spaces));
    }

    @Override
    public String description() {
        return "Lucene at " + folder;
    }

    @Override
    public void close() {
        try (directory; writer; searchers) {
            // Every acknowledged write is committed already; closing commits nothing new.
        } catch (IOException e) {
            throw failed("close the memory index", e);
        }
    }

    /**
     * Locks the memories, lets {@code change} read their current versions and put the next ones, then writes those as
     * one atomic update and waits until it is durable and visible.
     */
    private <T> T rewrite(Collection<Term> keys, Change<T> change) {
        try (var held = locks.lock(keys.stream().map(Term::text).toList())) {
            return withSearcher(searcher -> {
                var versions = new NextVersions(searcher, documents);
                T answer = change.apply(versions);
                if (!versions.all().isEmpty()) {
                    var replaced = new ArrayList<Document>(versions.all().size());
                    for (StoredMemory version : versions.all().values()) {
                        replaced.add(documents.document(version));
                    }
                    List<BytesRef> terms = versions.all().keySet().stream().map(Term::bytes).toList();
                    writer.updateDocuments(new TermInSetQuery(MemoryDocuments.KEY, terms), replaced);
                    commits.awaitDurable();
                }
                return answer;
            });
        } catch (IOException e) {
            throw failed("write memories", e);
        }
    }

    private <T> T read(Search<T> search) {
        try {
            return withSearcher(search);
        } catch (IOException e) {
            throw failed("read the memory index", e);
        }
    }

    private <T> T withSearcher(Search<T> search) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return search.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    private void durable() {
        try {
            commits.awaitDurable();
        } catch (IOException e) {
            throw failed("commit the memory index", e);
        }
    }

    private UncheckedIOException failed(String what, IOException e) {
        return new UncheckedIOException("cannot " + what + " at " + folder + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Directory directory, Exception failure) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private interface Search<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** What a write does under its locks: reads memories and puts their next versions. */
    private interface Change<T> {
        T apply(NextVersions versions) throws IOException;
    }

    // Issue 12, in progress: implemented in the store's own migration classes.
    @Override
    public void setActiveSpaces(java.util.Map<String, String> spaceByNamespace) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<String> namespaces() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public long dropSpace(String space) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public dev.embedgate.memory.migration.MigrationStore migrations() {
        throw new UnsupportedOperationException("not yet");
    }
}
