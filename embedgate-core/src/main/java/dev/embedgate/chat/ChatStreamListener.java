package dev.embedgate.chat;

/**
 * Receives a streamed completion as it is generated, on the thread that streams it, one call at a time. Providers
 * call {@link #onDelta} only; {@link ChatService} says first who answers.
 */
@FunctionalInterface
public interface ChatStreamListener {

    /**
     * Called by {@link ChatService} once, just before the first part: the attempt that answers is fixed from here
     * on (no failover after it).
     *
     * @param model    the chat model that answers: the one asked for, or a fallback model
     * @param provider the provider that answers
     */
    default void starting(String model, String provider) {
    }

    /** The next part of the answer's text (one or more tokens). */
    void onDelta(String text);

    /**
     * Whether parts after the first may be passed on from a thread many streams share (plain-HTTP upstreams are relayed
     * that way): then {@link #onDelta} never waits there; while
     * {@link dev.embedgate.provider.http.RelayedDelivery#active()}, a write it cannot finish at once is reported with
     * {@link dev.embedgate.provider.http.RelayedDelivery#pending} instead of awaited. False unless overridden: every
     * part then comes on the request's thread.
     */
    default boolean relayable() {
        return false;
    }
}
