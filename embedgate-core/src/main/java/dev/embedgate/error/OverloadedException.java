package dev.embedgate.error;

/** Admission was refused because a bounded queue is full; the caller should retry later. */
public final class OverloadedException extends EmbedGateException {

    public OverloadedException(String message) {
        super(message, null);
    }
}
