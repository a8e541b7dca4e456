package dev.embedgate.testkit.vectors;

/** An input is longer than the model reads and the request did not allow truncation. */
public final class InputTooLongException extends RuntimeException {

    private final int index;
    private final int maxTokens;

    public InputTooLongException(int index, int maxTokens, String detail) {
        super(detail);
        this.index = index;
        this.maxTokens = maxTokens;
    }

    /** The position of the first over-long input. */
    public int index() {
        return index;
    }

    /** The most tokens the model reads. */
    public int maxTokens() {
        return maxTokens;
    }
}
