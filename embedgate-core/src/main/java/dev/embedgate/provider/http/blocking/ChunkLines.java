package dev.embedgate.provider.http.blocking;

import java.nio.ByteBuffer;

/**
 * The lines of a chunked body (RFC 9112 7.1) as servers write them, read from bytes already received without making
 * text of them: a size of one to eight hexadecimal digits, and the line ends (CRLF or LF) after it and after each
 * chunk's data. Anything else (extensions, padding, longer sizes, a line not received whole) is left to a reader that
 * keeps every rule ({@link AnswerReader#chunkSize}).
 */
public final class ChunkLines {

    private static final int MAX_SIZE_DIGITS = 8;

    private ChunkLines() {
    }

    /**
     * The size line at {@code bytes}' position, if it is one of plain digits received whole: its size, with the
     * position moved past its line end; -1, with nothing moved, otherwise.
     */
    public static long sizeLine(ByteBuffer bytes) {
        int at = bytes.position();
        long size = 0;
        int digits = 0;
        for (int digit; at < bytes.limit() && digits < MAX_SIZE_DIGITS
                && (digit = Character.digit(bytes.get(at), 16)) >= 0; at++, digits++) {
            size = size * 16 + digit;
        }
        int lineEnd = digits == 0 ? 0 : lineEndLength(bytes, at);
        if (lineEnd == 0) {
            return -1;
        }
        bytes.position(at + lineEnd);
        return size;
    }

    /** The length of the line end (CRLF or LF) at index {@code at} of {@code bytes}: 0 if none was received there. */
    public static int lineEndLength(ByteBuffer bytes, int at) {
        if (at < bytes.limit() && bytes.get(at) == '\n') {
            return 1;
        }
        return at + 1 < bytes.limit() && bytes.get(at) == '\r' && bytes.get(at + 1) == '\n' ? 2 : 0;
    }
}
