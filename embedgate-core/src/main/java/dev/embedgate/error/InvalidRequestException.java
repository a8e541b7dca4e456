package dev.embedgate.error;

/** The caller's input cannot be served as sent; the message says what to change. */
public final class InvalidRequestException extends EmbedGateException {

    private final String param;
    private final String code;

    /**
     * @param param the request field at fault (e.g. {@code input}, {@code input[3]}), or null
     * @param code  a short machine-readable reason, or null
     */
    public InvalidRequestException(String message, String param, String code) {
        super(message, null);
        this.param = param;
        this.code = code;
    }

    public InvalidRequestException(String message, String param) {
        this(message, param, null);
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
