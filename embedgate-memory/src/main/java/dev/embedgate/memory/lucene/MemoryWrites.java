package dev.embedgate.memory.lucene;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryVector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Every write of memories. Lucene replaces documents whole, so a write that changes a stored memory (a vector added,
 * a patch, a save keeping the creation time) reads its current version and writes the next under a lock on that
 * memory ({@link KeyLocks}), held until the new version is durable and visible. A batch is one atomic
 * {@link IndexUpdate}. Thread-safe.
 */
final class MemoryWrites {

    private static final int LOCK_STRIPES = 1_024;
    /** Memories rewritten per commit when a space is dropped: bounds the documents held at once. */
    private static final int DROP_BATCH = 1_000;

    private final MemoryIndex index;
    private final MemoryDocuments documents;
    private final SpaceRegistry spaces;
    private final KeyLocks locks = new KeyLocks(LOCK_STRIPES);

    MemoryWrites(MemoryIndex index, MemoryDocuments documents, SpaceRegistry spaces) {
        this.index = index;
        this.documents = documents;
        this.spaces = spaces;
    }

    /**
     * Locks the memories, lets {@code change} read their current versions and put the next ones, then writes those as
     * one atomic update and waits until it is durable and visible.
     */
    <T> T rewrite(Collection<Term> keys, Change<T> change) {
        return rewrite(keys, change, this::handOver);
    }

    /** As {@link #rewrite(Collection, Change)}, the update going to the index through {@code handOff}. */
    <T> T rewrite(Collection<Term> keys, Change<T> change, HandOff handOff) {
        try (var held = locks.lock(keys.stream().map(Term::text).toList())) {
            return index.withSearcher(searcher -> {
                var versions = new NextVersions(searcher, documents);
                T answer = change.apply(versions);
                if (handOff.write(replacement(versions))) {
                    index.awaitDurable();
                }
                return answer;
            });
        } catch (IOException e) {
            throw index.failed("write memories", e);
        }
    }

    /**
     * Stores vectors in a known space as {@link dev.embedgate.memory.MemoryStore#putVectors} says, through
     * {@code handOff}.
     */
    int putVectors(String space, List<MemoryVector> vectors, HandOff handOff) {
        int dimensions = spaces.dimensions(space);
        var units = new ArrayList<float[]>(vectors.size());
        for (MemoryVector vector : vectors) {
            units.add(UnitVectors.unit(vector.vector(), space, dimensions));
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
        }, handOff);
    }

    int putVectors(String space, List<MemoryVector> vectors) {
        return putVectors(space, vectors, this::handOver);
    }

    boolean delete(String namespace, String id) {
        Term key = MemoryDocuments.key(namespace, id);
        try (var held = locks.lock(List.of(key.text()))) {
            if (index.withSearcher(searcher -> MemoryDocuments.memory(searcher, key)) == null) {
                return false;
            }
            index.apply(new IndexUpdate(List.of(new TermQuery(key)), List.of()));
            index.awaitDurable();
            return true;
        } catch (IOException e) {
            throw index.failed("delete a memory", e);
        }
    }

    long deleteWhere(String namespace, MemoryFilter filter) {
        Query matching = FilterQueries.inNamespace(namespace, filter);
        // Every memory locked: the count is exactly what is deleted, with no write slipping in between.
        try (var held = locks.lockAll()) {
            long count = index.withSearcher(searcher -> searcher.count(matching));
            if (count > 0) {
                index.apply(new IndexUpdate(List.of(matching), List.of()));
                index.awaitDurable();
            }
            return count;
        } catch (IOException e) {
            throw index.failed("delete memories", e);
        }
    }

    /**
     * Removes the space's vectors from every memory, then its registration, with every memory locked. Memories are
     * rewritten a batch per commit: a crash midway leaves the space registered with fewer vectors, and dropping it
     * again finishes the work.
     *
     * @return the vectors removed
     */
    long dropSpace(String space) {
        try (var held = locks.lockAll()) {
            long dropped = spaces.drop(space, field -> dropVectors(space, field));
            index.awaitDurable();
            return dropped;
        } catch (IOException e) {
            throw index.failed("drop space " + space, e);
        }
    }

    private long dropVectors(String space, String field) throws IOException {
        Query holding = new TermQuery(new Term(MemoryDocuments.HAS_VECTOR, field));
        long dropped = 0;
        while (true) {
            int batch = index.withSearcher(searcher -> {
                TopDocs top = searcher.search(holding, DROP_BATCH);
                StoredFields stored = searcher.storedFields();
                var versions = new NextVersions(searcher, documents);
                for (ScoreDoc hit : top.scoreDocs) {
                    Memory memory = MemoryDocuments.memory(stored.document(hit.doc, MemoryDocuments.MEMORY_FIELDS));
                    Term key = MemoryDocuments.key(memory);
                    versions.put(key, versions.current(key).withoutVector(space));
                }
                index.apply(replacement(versions));
                return top.scoreDocs.length;
            });
            if (batch == 0) {
                return dropped;
            }
            // The commit refreshes the searchers: the next search no longer finds these memories.
            index.awaitDurable();
            dropped += batch;
        }
    }

    private boolean handOver(IndexUpdate update) throws IOException {
        if (update.isEmpty()) {
            return false;
        }
        index.apply(update);
        return true;
    }

    /** The update that replaces the changed memories' documents with their next versions (none: empty). */
    private IndexUpdate replacement(NextVersions versions) {
        Map<Term, StoredMemory> next = versions.all();
        if (next.isEmpty()) {
            return IndexUpdate.NONE;
        }
        var replaced = new ArrayList<Document>(next.size());
        for (StoredMemory version : next.values()) {
            replaced.add(documents.document(version));
        }
        List<BytesRef> terms = next.keySet().stream().map(Term::bytes).toList();
        return new IndexUpdate(List.of(new TermInSetQuery(MemoryDocuments.KEY, terms)), replaced);
    }

    /** What a write does under its locks: reads memories and puts their next versions. */
    interface Change<T> {
        T apply(NextVersions versions) throws IOException;
    }

    /**
     * Hands a write's update to the index, joined with whatever must be durable with it; answers whether it handed
     * anything (then the write waits for a commit). Called under the memories' locks.
     */
    interface HandOff {
        boolean write(IndexUpdate update) throws IOException;
    }
}
