package dev.embedgate.testkit.chat;

/** The bytes of one streamed chat answer, frame by frame, in a provider's wire format. */
public interface ChatFrames {

    /** What comes before the first text chunk (an empty array if nothing). */
    byte[] opening();

    /** One text chunk. */
    byte[] delta(String text);

    /** What ends the answer: the finish reason, usage, an end marker. */
    byte[] closing();

    /** The provider's in-stream error event; null when the provider has none (the connection then drops). */
    byte[] errorEvent();
}
