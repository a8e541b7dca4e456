package dev.embedgate.memory.lucene;

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
import dev.embedgate.memory.migration.MigrationStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.Term;

/**
 * The embedded memory store: Apache Lucene in one folder, one document per memory (BM25-indexed content, metadata
 * terms for filters, one HNSW vector field per space), with the known spaces in the index's commit data, each
 * namespace's active space in a document of its own ({@link SpaceRegistry}) and the migrations in documents of theirs
 * ({@link LuceneMigrations}).
 *
 * <p>A write returns once it is committed (fsync) and visible to searches; concurrent writers share commits
 * ({@link GroupCommit}). Writes of memories go through {@link MemoryWrites}, which locks each memory it rewrites
 * until its next version is durable; a batch is one atomic Lucene update. Only one process at a time may open a folder
 * (Lucene's write lock).
 */
public final class LuceneMemoryStore implements MemoryStore {

    private final MemoryIndex index;
    private final SpaceRegistry spaces;
    private final MemoryWrites writes;
    private final MemorySearches searches;
    private final LuceneMigrations migrations;

    private LuceneMemoryStore(MemoryIndex index, Analyzer analyzer, HnswSettings settings) throws IOException {
        this.index = index;
        Map<String, String> active = index.withSearcher(searcher -> ActiveSpaceDocuments.read(searcher.getIndexReader()));
        this.spaces = new SpaceRegistry(index.commitData(), active, new RegistryWrites(index));
        this.writes = new MemoryWrites(index, new MemoryDocuments(spaces), spaces);
        this.searches = new MemorySearches(spaces, settings, analyzer);
        this.migrations = LuceneMigrations.load(index, writes, new MigrationQueries(spaces), Clock.systemUTC());
    }

    /**
     * Opens the store in the folder (created owner-only if missing), with the HNSW settings for the graphs it builds.
     *
     * @throws IllegalStateException when another process (or another store in this one) has the folder open
     */
    public static LuceneMemoryStore open(Path folder, HnswSettings settings) {
        Analyzer analyzer = new EnglishAnalyzer();
        MemoryIndex index = MemoryIndex.open(folder.toAbsolutePath().normalize(), settings, analyzer);
        try {
            return new LuceneMemoryStore(index, analyzer, settings);
        } catch (IOException e) {
            index.abandon(e);
            throw index.failed("open the memory folder", e);
        } catch (RuntimeException e) {
            index.abandon(e);
            throw e;
        }
    }

    @Override
    public void addSpace(String space, int dimensions) {
        if (spaces.add(space, dimensions)) {
            index.durable();
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
        index.durable();
        return space;
    }

    @Override
    public void setActiveSpace(String namespace, String space) {
        if (spaces.setActive(namespace, space)) {
            index.durable();
        }
    }

    @Override
    public void setActiveSpaces(Map<String, String> spaceByNamespace) {
        if (spaces.setActive(spaceByNamespace)) {
            index.durable();
        }
    }

    @Override
    public List<String> namespaces() {
        var namespaces = new TreeSet<>(index.read(MemorySearches::namespaces));
        namespaces.addAll(spaces.activeSpaces().keySet());
        return List.copyOf(namespaces);
    }

    @Override
    public long dropSpace(String space) {
        return writes.dropSpace(space);
    }

    @Override
    public MigrationStore migrations() {
        return migrations;
    }

    @Override
    public List<Memory> save(List<Memory> memories) {
        if (memories.isEmpty()) {
            return List.of();
        }
        return writes.rewrite(memories.stream().map(MemoryDocuments::key).toList(), versions -> {
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
        return index.read(searcher -> Optional.ofNullable(MemoryDocuments.memory(searcher, key)));
    }

    @Override
    public Optional<Memory> update(String namespace, String id, MemoryPatch patch, Instant now) {
        Term key = MemoryDocuments.key(namespace, id);
        return writes.rewrite(List.of(key), versions -> {
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
        return writes.delete(namespace, id);
    }

    @Override
    public long deleteWhere(String namespace, MemoryFilter filter) {
        return writes.deleteWhere(namespace, filter);
    }

    @Override
    public int putVectors(String space, List<MemoryVector> vectors) {
        return writes.putVectors(space, vectors);
    }

    @Override
    public List<Memory> pending(String space, PendingCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return index.read(searcher -> searches.pending(searcher, space, after, limit));
    }

    @Override
    public List<ScoredMemory> nearest(VectorQuery query) {
        return index.read(searcher -> searches.nearest(searcher, query));
    }

    @Override
    public List<ScoredMemory> keyword(KeywordQuery query) {
        return index.read(searcher -> searches.keyword(searcher, query));
    }

    @Override
    public List<ScoredMemory> important(String namespace, int k, MemoryFilter filter) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        return index.read(searcher -> searches.important(searcher, namespace, k, filter));
    }

    @Override
    public List<String> spaces(String namespace) {
        return index.read(searcher -> searches.spaces(searcher, namespace));
    }

    @Override
    public MemoryStats stats() {
        return index.read(searcher -> StoreStats.count(searcher, spaces));
    }

    @Override
    public String description() {
        return "Lucene at " + index.folder();
    }

    @Override
    public void close() {
        index.close();
    }
}
