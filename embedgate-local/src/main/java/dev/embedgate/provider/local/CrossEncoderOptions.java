package dev.embedgate.provider.local;

import dev.embedgate.rerank.RerankModel;

/**
 * How a {@link LocalCrossEncoder} reads pairs and uses the machine.
 *
 * @param maxLength      most tokens of one (query, document) pair, special tokens included; 0 for the model's own
 *                       limit (its {@code max_position_embeddings}, 512 for MiniLM cross-encoders); never more than it
 * @param batchSize      most pairs in one inference call, and the documents one provider call may carry (default 32)
 * @param maxBatchTokens most padded tokens (pairs × longest pair) in one inference call (default 4,096: 32 pairs of
 *                       128 tokens, or 8 of 512), which bounds the attention activations a call holds
 * @param activation     what turns a relevance logit into the score a request gets unless it asks for raw scores
 * @param threads        inference calls that run at once, each on one core (default: every core)
 */
public record CrossEncoderOptions(int maxLength, int batchSize, int maxBatchTokens, Activation activation, int threads) {

    /** What turns a relevance logit into a score. */
    public enum Activation {
        /** {@code 1 / (1 + e^-logit)}: a relevance in (0, 1), as sentence-transformers' CrossEncoder answers. */
        SIGMOID,
        /** The logit itself. */
        NONE
    }

    /** A {@link #maxLength} of 0: the model's own limit. */
    public static final int MODEL_LIMIT = 0;
    public static final int DEFAULT_MAX_BATCH_TOKENS = 4096;
    /** Fewer tokens leave no room for a query and a document beside the special tokens. */
    static final int MIN_LENGTH = 16;

    public CrossEncoderOptions {
        if (maxLength != MODEL_LIMIT && maxLength < MIN_LENGTH) {
            throw new IllegalArgumentException("maxLength must be at least " + MIN_LENGTH
                    + " tokens, or 0 for the model's own limit; was " + maxLength);
        }
        requirePositive(batchSize, "batchSize");
        requirePositive(maxBatchTokens, "maxBatchTokens");
        requirePositive(threads, "threads");
        if (activation == null) {
            throw new IllegalArgumentException("activation must be sigmoid or none");
        }
    }

    /** The model's own length, batches of 32 pairs and 4,096 tokens, sigmoid scores, one call per core. */
    public static CrossEncoderOptions defaults() {
        return new CrossEncoderOptions(MODEL_LIMIT, RerankModel.DEFAULT_DOCUMENTS_PER_CALL, DEFAULT_MAX_BATCH_TOKENS,
                Activation.SIGMOID, Runtime.getRuntime().availableProcessors());
    }

    public CrossEncoderOptions withMaxLength(int tokens) {
        return new CrossEncoderOptions(tokens, batchSize, maxBatchTokens, activation, threads);
    }

    public CrossEncoderOptions withBatchSize(int pairs) {
        return new CrossEncoderOptions(maxLength, pairs, maxBatchTokens, activation, threads);
    }

    public CrossEncoderOptions withActivation(Activation function) {
        return new CrossEncoderOptions(maxLength, batchSize, maxBatchTokens, function, threads);
    }

    public CrossEncoderOptions withThreads(int count) {
        return new CrossEncoderOptions(maxLength, batchSize, maxBatchTokens, activation, count);
    }

    /**
     * The scheduler's settings: one single-threaded worker per thread (as for the embedding models, several
     * single-threaded calls beat one call spread over the cores), a queue of 16 batches' pairs.
     */
    InferenceSettings inferenceSettings() {
        return new InferenceSettings(threads, 1, batchSize, maxBatchTokens, 16 * batchSize,
                Math.max(InferenceSettings.DEFAULT_QUEUE_TOKENS, 4 * maxBatchTokens),
                InferenceSettings.DEFAULT_BACKGROUND_SHARE);
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
