package dev.embedgate.provider.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@code text/event-stream} as the WHATWG HTML standard specifies: lines end with CRLF, LF or CR; a blank
 * line dispatches the event gathered so far (none if it has no {@code data}); {@code data:} lines are joined with
 * {@code \n}; {@code event:} names the event; {@code id:} sets the last event id; {@code retry:}, unknown fields
 * and {@code :} comments are ignored; one space after the colon is dropped; a leading byte-order mark is skipped;
 * an event the body ends in the middle of is discarded. Text is decoded as UTF-8, malformed bytes becoming U+FFFD.
 * <p>
 * The field lines of one event together may not exceed {@code maxEventBytes}; past that the parser fails rather
 * than buffer further. An event's data are read from the parser's buffer while the sink has it, and not copied
 * ({@link ServerSentEvent#copy} makes a copy to keep). Not thread-safe: one per stream.
 */
final class SseParser implements StreamParser<ServerSentEvent> {

    private static final byte[] DATA = ascii("data");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] ID = ascii("id");
    /** Keeps a data buffer grown for one large event from being held for the stream's life. */
    private static final int RETAINED_CAPACITY = 64 * 1024;
    private static final int INITIAL_DATA_CAPACITY = 256;

    private final int maxEventBytes;
    private final LineSplitter lines;
    /** The event's data so far, as UTF-8 bytes, each data line followed by LF. */
    private byte[] data = new byte[INITIAL_DATA_CAPACITY];
    private int dataLength;
    private String type;
    private String lastEventId = "";
    private long eventBytes;
    private boolean atStart = true;
    private EventSink<ServerSentEvent> lineSinkFor;
    private LineSplitter.LineSink lineSink;

    SseParser(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
        this.lines = new LineSplitter(maxEventBytes, "an event");
    }

    @Override
    public boolean feed(ByteBuffer chunk, EventSink<ServerSentEvent> sink) throws MalformedStreamException {
        if (sink != lineSinkFor) {
            // Callers feed one sink chunk after chunk: its line handler is made once, not per chunk.
            lineSinkFor = sink;
            lineSink = (bytes, length) -> line(bytes, length, sink);
        }
        return lines.feed(chunk, lineSink);
    }

    /** An event without its closing blank line is incomplete, and is dropped, as the standard says. */
    @Override
    public void end(EventSink<ServerSentEvent> sink) {
    }

    private boolean line(byte[] bytes, int length, EventSink<ServerSentEvent> sink) throws MalformedStreamException {
        int start = 0;
        if (atStart) {
            atStart = false;
            if (length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
                start = 3;
            }
        }
        if (length == start) {
            return dispatch(sink);
        }
        if (bytes[start] == ':') {
            return true;
        }
        eventBytes += length - start;
        if (eventBytes > maxEventBytes) {
            throw new MalformedStreamException("an event larger than " + maxEventBytes + " bytes");
        }
        int colon = indexOf(bytes, start, length, (byte) ':');
        int nameEnd = colon < 0 ? length : colon;
        int valueStart = colon < 0 ? length : colon + 1;
        if (valueStart < length && bytes[valueStart] == ' ') {
            valueStart++;
        }
        if (fieldIs(DATA, bytes, start, nameEnd)) {
            appendData(bytes, valueStart, length);
        } else if (fieldIs(EVENT, bytes, start, nameEnd)) {
            type = new String(bytes, valueStart, length - valueStart, StandardCharsets.UTF_8);
        } else if (fieldIs(ID, bytes, start, nameEnd) && indexOf(bytes, valueStart, length, (byte) 0) < 0) {
            lastEventId = new String(bytes, valueStart, length - valueStart, StandardCharsets.UTF_8);
        }
        return true;
    }

    private boolean dispatch(EventSink<ServerSentEvent> sink) {
        eventBytes = 0;
        if (dataLength == 0) {
            type = null;
            return true;
        }
        var event = ServerSentEvent.borrowing(type == null || type.isEmpty() ? ServerSentEvent.DEFAULT_TYPE : type,
                data, dataLength - 1, lastEventId);
        type = null;
        try {
            return sink.accept(event);
        } finally {
            event.release();
            dataLength = 0;
            if (data.length > RETAINED_CAPACITY) {
                data = new byte[INITIAL_DATA_CAPACITY];
            }
        }
    }

    /** A data line's value and the LF that joins it to the next (the last one is dropped at dispatch). */
    private void appendData(byte[] bytes, int from, int to) {
        int count = to - from;
        if (dataLength + count + 1 > data.length) {
            data = Arrays.copyOf(data, Math.max(2 * data.length, dataLength + count + 1));
        }
        System.arraycopy(bytes, from, data, dataLength, count);
        dataLength += count;
        data[dataLength++] = '\n';
    }

    private static boolean fieldIs(byte[] name, byte[] bytes, int from, int to) {
        return to - from == name.length && Arrays.equals(name, 0, name.length, bytes, from, to);
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
