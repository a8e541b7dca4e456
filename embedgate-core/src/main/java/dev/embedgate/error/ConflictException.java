package dev.embedgate.error;

/**
 * The request is well formed but what it acts on is in a state that refuses it now (a cutover while memories still
 * lack vectors, a second migration of the same namespaces); the message says what would make it possible.
 */
public final class ConflictException extends EmbedGateException {

    private final String code;

    /** @param code a short machine-readable reason */
    public ConflictException(String message, String code) {
        super(message, null);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
