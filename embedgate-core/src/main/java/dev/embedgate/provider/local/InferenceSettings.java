package dev.embedgate.provider.local;

/**
 * How a local model uses the machine.
 *
 * @param workers        threads that each run one inference call at a time on the shared session
 * @param intraOpThreads ONNX Runtime threads inside one call; workers × intraOpThreads should not exceed the cores
 * @param maxBatchSize   most texts in one call (1 runs each text alone)
 * @param maxBatchTokens most padded tokens (texts × longest text) in one call
 * @param queueCapacity  most texts waiting; beyond it requests are refused at once
 */
public record InferenceSettings(int workers, int intraOpThreads, int maxBatchSize, int maxBatchTokens, int queueCapacity) {

    public InferenceSettings {
        requirePositive(workers, "workers");
        requirePositive(intraOpThreads, "intraOpThreads");
        requirePositive(maxBatchSize, "maxBatchSize");
        requirePositive(maxBatchTokens, "maxBatchTokens");
        requirePositive(queueCapacity, "queueCapacity");
    }

    /**
     * Defaults sized to the cores: a batchable model runs one worker whose call uses every core; a model that
     * must run one text per call (int8) runs one single-threaded worker per core instead.
     */
    public static InferenceSettings defaults(boolean batchable, int cores) {
        return batchable
                ? new InferenceSettings(1, cores, 64, 8192, 8192)
                : new InferenceSettings(cores, 1, 1, 8192, 8192);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
