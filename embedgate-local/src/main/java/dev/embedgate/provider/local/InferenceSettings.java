package dev.embedgate.provider.local;

/**
 * How a local model uses the machine.
 *
 * @param workers        threads that each run one inference call at a time on the shared session
 * @param intraOpThreads ONNX Runtime threads inside one call; workers × intraOpThreads should not exceed the cores
 * @param maxBatchSize   most texts in one call (1 runs each text alone)
 * @param maxBatchTokens most padded tokens (texts × longest text) in one call
 * @param queueCapacity  most texts waiting; beyond it requests are refused at once
 * @param backgroundShare the part of the queue and of the workers background work may hold, in (0, 1]; online
 *                       texts are always batched first
 */
public record InferenceSettings(int workers, int intraOpThreads, int maxBatchSize, int maxBatchTokens, int queueCapacity,
                                double backgroundShare) {

    public static final double DEFAULT_BACKGROUND_SHARE = 0.5;

    public InferenceSettings {
        requirePositive(workers, "workers");
        requirePositive(intraOpThreads, "intraOpThreads");
        requirePositive(maxBatchSize, "maxBatchSize");
        requirePositive(maxBatchTokens, "maxBatchTokens");
        requirePositive(queueCapacity, "queueCapacity");
        if (!(backgroundShare > 0 && backgroundShare <= 1)) {
            throw new IllegalArgumentException("backgroundShare must be in (0, 1], was " + backgroundShare);
        }
    }

    /** With the default background share. */
    public InferenceSettings(int workers, int intraOpThreads, int maxBatchSize, int maxBatchTokens, int queueCapacity) {
        this(workers, intraOpThreads, maxBatchSize, maxBatchTokens, queueCapacity, DEFAULT_BACKGROUND_SHARE);
    }

    /** Texts background work may have waiting at once (at least one). */
    int backgroundQueueCapacity() {
        return Math.max(1, (int) Math.floor(queueCapacity * backgroundShare));
    }

    /** Workers background batches may hold at once (at least one). */
    int backgroundWorkers() {
        return Math.max(1, (int) Math.floor(workers * backgroundShare));
    }

    /**
     * Defaults sized to the cores, measured on the bench (docs/benchmarks.md): one single-threaded worker per core,
     * each running its own call, beats one call spread over every core; and small batches (512 padded tokens)
     * beat large ones, whose activations no longer fit in cache and grow ONNX Runtime's memory pool for good.
     * A model that must run one text per call (int8) takes batches of one.
     */
    public static InferenceSettings defaults(boolean batchable, int cores) {
        return new InferenceSettings(cores, 1, batchable ? 32 : 1, 512, 8192);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
