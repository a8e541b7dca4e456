package dev.embedgate.chat;

/** Receives a streamed completion as it is generated, on the thread that streams it. */
@FunctionalInterface
public interface ChatStreamListener {

    /** The next part of the answer's text (one or more tokens). */
    void onDelta(String text);
}
