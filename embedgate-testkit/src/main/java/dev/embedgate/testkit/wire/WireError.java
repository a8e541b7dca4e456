package dev.embedgate.testkit.wire;

/** A request the simulated provider refuses; carries the provider's own error answer. */
public final class WireError extends RuntimeException {

    private final transient WireReply reply;

    public WireError(WireReply reply) {
        super("HTTP " + reply.status(), null, false, false);
        this.reply = reply;
    }

    public WireReply reply() {
        return reply;
    }
}
