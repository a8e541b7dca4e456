package dev.embedgate.error;

/** The caller's input cannot be served as sent; the message says what to change. */
public final class InvalidRequestException extends EmbedGateException {

    private final String param;
    private final String code;
    private final Integer inputIndex;
    private final String inputProblem;

    /**
     * @param param the request field at fault (e.g. {@code input}, {@code input[3]}), or null
     * @param code  a short machine-readable reason, or null
     */
    public InvalidRequestException(String message, String param, String code) {
        this(message, param, code, null, null);
    }

    private InvalidRequestException(String message, String param, String code, Integer inputIndex, String inputProblem) {
        super(message, null);
        this.param = param;
        this.code = code;
        this.inputIndex = inputIndex;
        this.inputProblem = inputProblem;
    }

    /**
     * One input at fault: {@code input[index] <problem>}. A provider sees only the inputs of its call, so the
     * pipeline {@link #reindexed reindexes} the error to the input's position in the caller's request.
     */
    public static InvalidRequestException forInput(int index, String problem, String code) {
        return new InvalidRequestException("input[" + index + "] " + problem, "input[" + index + "]", code, index, problem);
    }

    /** The position of the input at fault, or null when the error is not about one input. */
    public Integer inputIndex() {
        return inputIndex;
    }

    /** The same error about the input at {@code requestIndex} instead. */
    public InvalidRequestException reindexed(int requestIndex) {
        return inputIndex == null ? this : forInput(requestIndex, inputProblem, code);
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
