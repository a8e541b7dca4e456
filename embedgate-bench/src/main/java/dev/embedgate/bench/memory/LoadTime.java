package dev.embedgate.bench.memory;

/**
 * How long a system took to take the recall benchmark's vectors.
 *
 * @param system        what the report calls it
 * @param storeSeconds  until the last write was acknowledged (EmbedGate's stores keep their HNSW graphs up to date
 *                      as they store)
 * @param finishSeconds what follows before the system can be searched as measured: building the index
 *                      (LangChain4j), the background merges that closing waits for (Lucene), closing (pgvector)
 */
public record LoadTime(String system, int vectors, double storeSeconds, double finishSeconds) {

    public double totalSeconds() {
        return storeSeconds + finishSeconds;
    }
}
