package dev.embedgate.provider.local;

/**
 * How a local model's sessions have batched so far.
 *
 * @param batches ONNX runs
 * @param texts   texts in them
 */
public record BatchCounts(long batches, long texts) {

    public static final BatchCounts NONE = new BatchCounts(0, 0);
}
