package dev.embedgate.provider;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider call failed. The kind tells the resilience pipeline what to do next (retry, fail over, or give
 * up); the message never contains credentials.
 */
public final class ProviderCallException extends RuntimeException {

    /** What went wrong, as far as deciding the next step is concerned. */
    public enum Kind {
        /** 429: over the provider's rate limit; retry after {@link #retryAfter()} if given. */
        RATE_LIMITED(true),
        /** 5xx, or a model that is still loading (HF 503 with estimated_time). */
        SERVER_ERROR(true),
        /** No answer within the per-attempt timeout. */
        TIMEOUT(true),
        /** Connection refused, reset or closed mid-answer. */
        CONNECTION(true),
        /** An answer that is not a valid embeddings response (malformed, wrong count or dimensions, NaN). */
        INVALID_RESPONSE(true),
        /** The provider is not being called right now (open circuit), or cannot be (a local model failed to load). */
        UNAVAILABLE(false),
        /**
         * The provider's own queue is full (a local model's bounded inference queue): retrying at once cannot help,
         * another provider of the space may.
         */
        OVERLOADED(false),
        /** EmbedGate's client-side rate limit for the provider has no room before the call's deadline. */
        THROTTLED(false),
        /** 401/403: the credentials are missing or wrong. Retrying cannot help; failing over may. */
        UNAUTHORIZED(false),
        /**
         * A streamed answer broke after its first part reached the caller: neither retried nor failed over, since
         * another attempt's output must never be spliced onto it.
         */
        STREAM_BROKEN(false),
        /** Another 4xx: the provider refuses this request as sent. */
        REJECTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether trying the same provider again may succeed. */
        public boolean retryable() {
            return retryable;
        }

        /** The lower-case name used in status, metrics, logs and answers, e.g. {@code server_error}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String provider;
    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;

    /**
     * @param httpStatus the provider's HTTP status, or 0 if there was no answer
     * @param retryAfter how long the provider asked us to wait, or null
     */
    public ProviderCallException(String provider, Kind kind, int httpStatus, Duration retryAfter, String message,
                                 Throwable cause) {
        super(message, cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ProviderCallException(String provider, Kind kind, int httpStatus, String message) {
        this(provider, kind, httpStatus, null, message, null);
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's HTTP status, or 0 if there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether the provider was only too busy: a rate limit (the provider's or EmbedGate's own) or a full queue
     * refused the call. Nothing is broken; the caller may try again later.
     */
    public boolean busy() {
        return kind == Kind.RATE_LIMITED || kind == Kind.THROTTLED || kind == Kind.OVERLOADED;
    }
}
