package dev.embedgate.bench.memory;

/**
 * One system answering nearest-neighbour queries over the benchmark's stored vectors, with its index built and its
 * search setting ({@code efSearch}) fixed: an EmbedGate store, the same SQL over plain JDBC, LangChain4j's store.
 * Thread-safe: the benchmark queries it from several threads at once.
 */
interface RecallTarget extends AutoCloseable {

    /** What the report calls it. */
    String name();

    /** The indexes ({@link VectorSet#index}) of the {@code k} stored vectors nearest to {@code query}, nearest first. */
    int[] nearest(float[] query, int k);

    /** Releases connections and handles; the stored vectors and index stay for the next target over them. */
    @Override
    void close();

    /** Opens a target over vectors already stored and indexed, searching with {@code efSearch}. */
    @FunctionalInterface
    interface Opener {
        RecallTarget open(int efSearch);
    }
}
