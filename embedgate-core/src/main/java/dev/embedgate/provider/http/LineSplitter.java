package dev.embedgate.provider.http;

import java.nio.ByteBuffer;

/**
 * Cuts a byte stream that arrives in arbitrary chunks into lines ended by CRLF, LF or CR (a CRLF split across two
 * chunks is one line end). It splits bytes, not characters: CR and LF never occur inside a multi-byte UTF-8
 * sequence, so a character split across chunks arrives whole in its line. A line longer than the bound fails as
 * soon as it crosses the bound, so a server that never ends a line cannot fill the memory. Not thread-safe: one
 * per stream.
 */
final class LineSplitter {

    /** Receives each line; returns false to stop reading the chunk. */
    @FunctionalInterface
    interface LineSink {
        /** @param bytes the line is {@code bytes[0, length)}, without its line end; valid only during the call */
        boolean line(byte[] bytes, int length) throws MalformedStreamException;
    }

    private static final int INITIAL_CAPACITY = 256;
    /** A buffer grown past this for one long line is dropped after it, rather than kept for the stream's life. */
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private final int maxLineBytes;
    private final String tooLong;
    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int length;
    private boolean afterCarriageReturn;

    /** @param tooLong what a line over the bound is, for the failure's message ("an event", "a line") */
    LineSplitter(int maxLineBytes, String tooLong) {
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.tooLong = tooLong + " larger than " + maxLineBytes + " bytes";
    }

    /**
     * Reads the chunk to its end, handing each completed line to the sink.
     *
     * @return false if the sink asked to stop (the rest of the chunk is left unread)
     * @throws MalformedStreamException if a line grows longer than the bound
     */
    boolean feed(ByteBuffer chunk, LineSink sink) throws MalformedStreamException {
        int end = chunk.limit();
        while (chunk.hasRemaining()) {
            int start = chunk.position();
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (chunk.get(start) == '\n') {
                    chunk.position(start + 1);
                    continue;
                }
            }
            int lineEnd = start;
            while (lineEnd < end && chunk.get(lineEnd) != '\n' && chunk.get(lineEnd) != '\r') {
                lineEnd++;
            }
            append(chunk, start, lineEnd - start);
            if (lineEnd == end) {
                chunk.position(end);
                return true;
            }
            afterCarriageReturn = chunk.get(lineEnd) == '\r';
            chunk.position(lineEnd + 1);
            if (!emit(sink)) {
                return false;
            }
        }
        return true;
    }

    /** At the end of the stream: hands over the last line if it had no line end. */
    void finish(LineSink sink) throws MalformedStreamException {
        if (length > 0) {
            emit(sink);
        }
    }

    private boolean emit(LineSink sink) throws MalformedStreamException {
        boolean more = sink.line(buffer, length);
        length = 0;
        if (buffer.length > RETAINED_CAPACITY) {
            buffer = new byte[INITIAL_CAPACITY];
        }
        return more;
    }

    private void append(ByteBuffer chunk, int from, int count) throws MalformedStreamException {
        if (count > maxLineBytes - length) {
            throw new MalformedStreamException(tooLong);
        }
        if (length + count > buffer.length) {
            byte[] grown = new byte[(int) Math.min(maxLineBytes, Math.max(2L * buffer.length, length + count))];
            System.arraycopy(buffer, 0, grown, 0, length);
            buffer = grown;
        }
        chunk.get(from, buffer, length, count);
        length += count;
    }
}
