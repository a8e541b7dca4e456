package dev.embedgate.provider.local;

/**
 * How a local model uses the machine.
 *
 * @param workers        threads that each run one inference call at a time on the shared session
 * @param intraOpThreads ONNX Runtime threads inside one call; workers × intraOpThreads should not exceed the cores
 * @param maxBatchSize   most texts in one call (1 runs each text alone)
 * @param maxBatchTokens most padded tokens (texts × longest text) in one call
 * @param queueCapacity  most texts waiting or running; beyond it calls are refused at once
 * @param queueTokens    most tokens waiting or running (unpadded); beyond it calls are refused at once, and calls
 *                       larger than one batch may hold only three quarters of it
 * @param backgroundShare the part of the queue and of the workers background work may hold, in (0, 1]; online
 *                       texts are always batched first
 */
public record InferenceSettings(int workers, int intraOpThreads, int maxBatchSize, int maxBatchTokens, int queueCapacity,
                                int queueTokens, double backgroundShare) {

    public static final double DEFAULT_BACKGROUND_SHARE = 0.5;
    /**
     * About 8 to 15 s of work for MiniLM on 2 cores: long enough to keep the workers busy between a bulk client's
     * calls, short enough that a caller refused with 429 is told to come back soon.
     */
    public static final int DEFAULT_QUEUE_TOKENS = 65_536;
    /** Most texts in one call to a local model: a request larger than this is split into calls that take turns. */
    public static final int MAX_TEXTS_PER_CALL = 64;

    public InferenceSettings {
        requirePositive(workers, "workers");
        requirePositive(intraOpThreads, "intraOpThreads");
        requirePositive(maxBatchSize, "maxBatchSize");
        requirePositive(maxBatchTokens, "maxBatchTokens");
        requirePositive(queueCapacity, "queueCapacity");
        requirePositive(queueTokens, "queueTokens");
        if (queueTokens < 4 * maxBatchTokens) {
            throw new IllegalArgumentException("queueTokens must be at least 4 x maxBatchTokens (" + 4 * maxBatchTokens
                    + "), was " + queueTokens);
        }
        if (!(backgroundShare > 0 && backgroundShare <= 1)) {
            throw new IllegalArgumentException("backgroundShare must be in (0, 1], was " + backgroundShare);
        }
    }

    /** With the default token capacity and background share. */
    public InferenceSettings(int workers, int intraOpThreads, int maxBatchSize, int maxBatchTokens, int queueCapacity) {
        this(workers, intraOpThreads, maxBatchSize, maxBatchTokens, queueCapacity, DEFAULT_QUEUE_TOKENS,
                DEFAULT_BACKGROUND_SHARE);
    }

    /**
     * Most tokens one call should carry, so that a large request becomes several calls that take turns with other
     * requests' calls and are admitted one by one: a sixteenth of the queue, so that a request's 4 calls in flight
     * hold a quarter of it and three bulk requests fit in the share bulk calls may hold.
     */
    public int tokensPerCall() {
        return queueTokens / 16;
    }

    /** Texts background work may have waiting at once (at least one). */
    int backgroundQueueCapacity() {
        return Math.max(1, (int) Math.floor(queueCapacity * backgroundShare));
    }

    /** Tokens background work may have waiting or running at once. */
    long backgroundQueueTokens() {
        return Math.max(maxBatchTokens, (long) Math.floor(queueTokens * backgroundShare));
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
        return new InferenceSettings(cores, 1, batchable ? 32 : 1, 512, 8192, DEFAULT_QUEUE_TOKENS, DEFAULT_BACKGROUND_SHARE);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
