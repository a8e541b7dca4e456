package dev.embedgate.bench.memory;

/**
 * Memories/s of one ingest path into one store.
 *
 * @param store    Lucene or pgvector
 * @param path     what the memories went through (HTTP with the local model, or the store with precomputed vectors)
 * @param memories how many were ingested
 * @param seconds  wall-clock time, from the first request to the last answer
 */
public record IngestRow(String store, String path, int memories, double seconds) {

    public double memoriesPerSecond() {
        return memories / seconds;
    }
}
