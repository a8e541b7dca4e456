package dev.embedgate.error;

import java.time.Duration;
import java.util.Objects;

/** Admission was refused because a bounded queue is full; the caller should retry after {@link #retryAfter()}. */
public final class OverloadedException extends EmbedGateException {

    private final Duration retryAfter;

    public OverloadedException(String message, Duration retryAfter) {
        super(message, null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
