package dev.embedgate.server.api;

/**
 * A request the HTTP layer refuses before the gateway sees it (its media type, encoding or size), with the error to
 * answer. Stack-less: it is an answer, not a failure to trace.
 */
final class RefusedRequestException extends RuntimeException {

    private final transient ApiError error;

    RefusedRequestException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
