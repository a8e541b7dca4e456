package dev.embedgate.memory.lucene;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;

/**
 * The memories one write changes, by key: each read as the write sees it (its own earlier change in the same call,
 * else the index's current version) and the next version put in its place. The write then replaces them all at once.
 */
final class NextVersions {

    private final IndexSearcher searcher;
    private final MemoryDocuments documents;
    private final Map<Term, StoredMemory> next = new LinkedHashMap<>();

    NextVersions(IndexSearcher searcher, MemoryDocuments documents) {
        this.searcher = searcher;
        this.documents = documents;
    }

    /** The memory's version as this write sees it, or null when there is none. */
    StoredMemory current(Term key) throws IOException {
        return next.containsKey(key) ? next.get(key) : documents.stored(searcher, key);
    }

    void put(Term key, StoredMemory version) {
        next.put(key, version);
    }

    /** The next versions, by key. */
    Map<Term, StoredMemory> all() {
        return next;
    }
}
