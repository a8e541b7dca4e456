package dev.embedgate.error;

import java.time.Duration;
import java.util.Objects;

/** Every provider that could serve the request is at its rate limit (EmbedGate's client-side one or its own). */
public final class RateLimitedException extends EmbedGateException {

    private final Duration retryAfter;

    /** @param retryAfter how long the caller should wait before trying again */
    public RateLimitedException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
