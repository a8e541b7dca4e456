package dev.embedgate.provider.huggingface;

import java.time.Duration;
import java.util.Objects;

/**
 * How to call the Hugging Face router.
 *
 * @param waitForModel   send {@code X-wait-for-model: true}, so that a cold model's first call waits for it to load
 *                       instead of failing with 503 (the wait then counts against the per-attempt timeout)
 * @param maxLoadingWait the longest {@code estimated_time} passed on as a retry-after when a model is loading
 */
public record HuggingFaceOptions(boolean waitForModel, Duration maxLoadingWait) {

    public static final HuggingFaceOptions DEFAULT = new HuggingFaceOptions(false, Duration.ofSeconds(60));

    public HuggingFaceOptions {
        Objects.requireNonNull(maxLoadingWait, "maxLoadingWait");
        if (maxLoadingWait.isNegative()) {
            throw new IllegalArgumentException("maxLoadingWait must not be negative, was " + maxLoadingWait);
        }
    }
}
