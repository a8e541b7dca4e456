package dev.embedgate.provider.http;

/**
 * How a streamed call that did not fail ended.
 *
 * @param events the events the listener accepted
 * @param ending what ended it
 */
public record StreamSummary(long events, Ending ending) {

    /** What ended a stream that did not fail. */
    public enum Ending {
        /** The server sent {@code data: [DONE]}, as OpenAI-compatible servers end a stream. */
        DONE_MARKER,
        /**
         * The body ended. Whether that is a complete answer is for the wire format to judge (Ollama's last line says
         * {@code "done": true}; an OpenAI-style stream without {@code [DONE]} may have been cut).
         */
        END_OF_BODY
    }
}
