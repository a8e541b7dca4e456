package dev.embedgate.bench.memory;

import dev.embedgate.memory.MemoryStore;

/**
 * An EmbedGate store opened for the benchmark, with what it was opened on and must be closed after it (the pgvector
 * store's database pool, which the store shares rather than owns; nothing for Lucene).
 *
 * @param under null when the store owns everything it uses
 */
public record OpenedStore(MemoryStore store, AutoCloseable under) implements AutoCloseable {

    @Override
    public void close() {
        store.close();
        if (under != null) {
            try {
                under.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + under + ": " + e.getMessage(), e);
            }
        }
    }
}
