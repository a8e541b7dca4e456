package dev.embedgate.provider.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event of a {@code text/event-stream} answer, as the WHATWG HTML standard defines its parsing: its type (the
 * {@code event:} name, {@code "message"} when the event gives none), its data (the {@code data:} lines joined with
 * {@code \n}; OpenAI-style servers send one JSON object per event) and the last {@code id:} seen in the stream so far
 * ({@code ""} if none).
 *
 * <p>The data is kept as the UTF-8 bytes that arrived and decoded only when asked for: a streamed chat answer is an
 * event every few milliseconds of every stream, and its JSON is best read from the bytes ({@link #readData}), with no
 * text made of it first. Two events are equal when their type, data (as text) and id are.
 *
 * <p>An event handed to a {@link StreamListener} borrows the parser's buffer, which the next event reuses: it is valid
 * only until the listener returns, and its data can no longer be read after that. A listener that keeps an event keeps
 * a {@link #copy}.
 */
public final class ServerSentEvent {

    /** The type of an event that names none. */
    public static final String DEFAULT_TYPE = "message";

    /** Reads an event's data from its UTF-8 bytes, which it must not change or keep. */
    @FunctionalInterface
    public interface DataReader<T> {
        T read(byte[] utf8, int offset, int length) throws IOException;
    }

    private final String type;
    private final String id;
    /** Null once a borrowed event was released. */
    private byte[] utf8;
    private final int length;
    private String data;

    public ServerSentEvent(String type, String data, String id) {
        this(type, Objects.requireNonNull(data, "data").getBytes(StandardCharsets.UTF_8), id);
        this.data = data;
    }

    private ServerSentEvent(String type, byte[] utf8, String id) {
        this(type, utf8, utf8.length, id);
    }

    private ServerSentEvent(String type, byte[] utf8, int length, String id) {
        this.type = Objects.requireNonNull(type, "type");
        this.utf8 = utf8;
        this.length = length;
        this.id = Objects.requireNonNull(id, "id");
    }

    /** An event whose data are the first {@code length} bytes of {@code buffer} until {@link #release}. */
    static ServerSentEvent borrowing(String type, byte[] buffer, int length, String id) {
        return new ServerSentEvent(type, buffer, length, id);
    }

    /** The borrowed buffer goes back to its owner: the data can no longer be read. */
    void release() {
        utf8 = null;
        data = null;
    }

    /** This event with data of its own, valid for as long as it is kept. */
    public ServerSentEvent copy() {
        return new ServerSentEvent(type, Arrays.copyOf(bytes(), length), id);
    }

    /**
     * An event whose data are the bytes that arrived, decoded only if {@link #data()} is asked for.
     *
     * @param utf8 owned by the event from now on: the caller must not change it
     */
    public static ServerSentEvent fromUtf8(String type, byte[] utf8, String id) {
        return new ServerSentEvent(type, utf8, id);
    }

    /** A {@code message} event without an id. */
    public static ServerSentEvent message(String data) {
        return new ServerSentEvent(DEFAULT_TYPE, data, "");
    }

    public String type() {
        return type;
    }

    /** The data as text: UTF-8, malformed bytes becoming U+FFFD. */
    public String data() {
        String text = data;
        if (text == null) {
            text = new String(bytes(), 0, length, StandardCharsets.UTF_8);
            data = text;
        }
        return text;
    }

    public String id() {
        return id;
    }

    /** Hands the data's UTF-8 bytes, as they arrived, to {@code reader}. */
    public <T> T readData(DataReader<T> reader) throws IOException {
        return reader.read(bytes(), 0, length);
    }

    /** Whether the data is exactly these bytes (a marker such as {@code [DONE]}), without decoding it. */
    public boolean dataIs(byte[] bytes) {
        return Arrays.equals(bytes(), 0, length, bytes, 0, bytes.length);
    }

    private byte[] bytes() {
        byte[] bytes = utf8;
        if (bytes == null) {
            throw new IllegalStateException("an event's data is read while it is delivered; keep a copy() of it to "
                    + "read it later");
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerSentEvent event && type.equals(event.type) && data().equals(event.data())
                && id.equals(event.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, data(), id);
    }

    @Override
    public String toString() {
        return "ServerSentEvent[type=" + type + ", data=" + data() + ", id=" + id + "]";
    }
}
