package dev.embedgate.server.cli;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to a running gateway that did not succeed: it answered an error ({@link #status()} with the message of
 * OpenAI's error shape) or did not answer at all ({@link #status()} 0). The message is one a user can act on.
 */
final class GatewayCallException extends IllegalStateException {

    private final int status;
    private final String param;
    private final transient Optional<Duration> retryAfter;

    GatewayCallException(String message, int status, String param, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status the gateway answered, or 0 when none answered. */
    int status() {
        return status;
    }

    /** The request field the error names ({@code memories[3].content}), or null. */
    String param() {
        return param;
    }

    /** How long the gateway asked the caller to wait ({@code Retry-After}), when it said. */
    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Worth sending again unchanged: the gateway was unreachable, busy (429) or failing (5xx). */
    boolean retryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
