package dev.embedgate.error;

/** What the request names does not exist (a migration id, say); the message says which. */
public final class NotFoundException extends EmbedGateException {

    private final String code;

    /** @param code a short machine-readable reason */
    public NotFoundException(String message, String code) {
        super(message, null);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
