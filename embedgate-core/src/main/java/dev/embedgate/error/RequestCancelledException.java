package dev.embedgate.error;

/**
 * The request's thread was interrupted before it was served, because its caller went away (an HTTP client that
 * closed its connection) or its owner cancelled it: the work still queued for it is dropped. Never a provider
 * fault: neither retried, failed over nor counted against a provider's health.
 */
public final class RequestCancelledException extends EmbedGateException {

    public RequestCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
