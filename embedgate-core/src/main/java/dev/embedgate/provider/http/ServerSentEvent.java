package dev.embedgate.provider.http;

import java.util.Objects;

/**
 * One event of a {@code text/event-stream} answer, as the WHATWG HTML standard defines its parsing.
 *
 * @param type the {@code event:} name, {@code "message"} when the event gives none
 * @param data the {@code data:} lines joined with {@code \n} (OpenAI-style servers send one JSON object per event)
 * @param id   the last {@code id:} seen in the stream so far, {@code ""} if none
 */
public record ServerSentEvent(String type, String data, String id) {

    /** The type of an event that names none. */
    public static final String DEFAULT_TYPE = "message";

    public ServerSentEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
    }

    /** A {@code message} event without an id. */
    public static ServerSentEvent message(String data) {
        return new ServerSentEvent(DEFAULT_TYPE, data, "");
    }
}
