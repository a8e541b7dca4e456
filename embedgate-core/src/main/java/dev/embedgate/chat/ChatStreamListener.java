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
}
