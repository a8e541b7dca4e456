package dev.embedgate.bench.memory;

import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryFilter;
import dev.embedgate.memory.MemoryStore;
import dev.embedgate.memory.MemoryVector;
import dev.embedgate.memory.Metadata;
import dev.embedgate.memory.ScoredMemory;
import dev.embedgate.memory.VectorQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An EmbedGate {@link MemoryStore} as a recall target: searched through {@link MemoryStore#nearest} with a
 * precomputed query vector, as {@code MemoryService} searches it once the query is embedded.
 */
public final class StoreTarget implements RecallTarget {

    /** The provider name the benchmark's vectors are stored under. */
    static final String PROVIDER = "bench/precomputed";

    private final String name;
    private final OpenedStore opened;
    private final MemoryStore store;
    private final String namespace;
    private final String space;

    StoreTarget(String name, OpenedStore opened, String namespace, String space) {
        this.name = name;
        this.opened = opened;
        this.store = opened.store();
        this.namespace = namespace;
        this.space = space;
    }

    /**
     * Saves one memory per vector and stores its vector, {@code batch} at a time (one {@code save} and one
     * {@code putVectors} call each), as the memory service does when a save's embedding succeeds at once.
     *
     * @param contents the text of memory {@code i}
     * @return seconds taken
     */
    public static double load(MemoryStore store, String namespace, String space, float[][] vectors, List<String> contents,
                       int batch) {
        store.addSpace(space, vectors[0].length);
        store.activeSpaceOrSet(namespace, space);
        long start = System.nanoTime();
        for (int from = 0; from < vectors.length; from += batch) {
            int to = Math.min(from + batch, vectors.length);
            Instant now = Instant.now();
            var memories = new ArrayList<Memory>(to - from);
            for (int i = from; i < to; i++) {
                memories.add(Memory.saved(namespace, VectorSet.id(i), contents.get(i), Metadata.EMPTY, 0.5, now));
            }
            List<Memory> saved = store.save(memories);
            var stored = new ArrayList<MemoryVector>(saved.size());
            for (int i = 0; i < saved.size(); i++) {
                Memory memory = saved.get(i);
                stored.add(new MemoryVector(namespace, memory.id(), memory.contentHash(), vectors[from + i], PROVIDER,
                        false, now));
            }
            store.putVectors(space, stored);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] nearest(float[] query, int k) {
        List<ScoredMemory> found = store.nearest(new VectorQuery(namespace, space, query, k, MemoryFilter.ALL, -1));
        int[] indexes = new int[found.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = VectorSet.index(found.get(i).memory().id());
        }
        return indexes;
    }

    @Override
    public void close() {
        opened.close();
    }
}
