package dev.embedgate.memory;

/**
 * How the stores build and search their HNSW graphs; both stores take the same three numbers, so that they can be
 * compared at equal settings.
 *
 * @param m              links per node (pgvector {@code m}, Lucene {@code maxConn})
 * @param efConstruction candidates considered while building (pgvector {@code ef_construction}, Lucene
 *                       {@code beamWidth})
 * @param efSearch       candidates considered while searching (pgvector {@code hnsw.ef_search}; Lucene searches
 *                       for this many and keeps the best k); at least k is always used
 */
public record HnswSettings(int m, int efConstruction, int efSearch) {

    public static final HnswSettings DEFAULT = new HnswSettings(16, 100, 128);

    public HnswSettings {
        if (m < 2 || m > 100) {
            throw new IllegalArgumentException("m must be within 2..100, was " + m);
        }
        if (efConstruction < 2 * m || efConstruction > 1_000) {
            throw new IllegalArgumentException("efConstruction must be within 2*m.." + 1_000 + ", was " + efConstruction);
        }
        if (efSearch < 1 || efSearch > 1_000) {
            throw new IllegalArgumentException("efSearch must be within 1..1000, was " + efSearch);
        }
    }

    /** The candidates a search for k results considers. */
    public int candidatesFor(int k) {
        return Math.max(k, efSearch);
    }
}
