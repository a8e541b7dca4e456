package dev.embedgate.provider.http.blocking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;

/**
 * A socket's input, buffered, with one deadline for a whole exchange: every read waits at most until the deadline
 * (the socket's timeout is set to what is left before each read), so a server that trickles bytes cannot stretch an
 * answer past it. One exchange at a time; not thread-safe.
 */
final class DeadlineInput {

    private static final int BUFFER_BYTES = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private long deadlineNanos;
    private long receivedBytes;

    DeadlineInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Starts an exchange that must be read whole by {@code deadlineNanos} ({@link System#nanoTime()}). */
    void startExchange(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        this.receivedBytes = limit - position;
    }

    /** Whether any byte arrived since the exchange started: a pooled connection that fails before is stale. */
    boolean receivedAny() {
        return receivedBytes > 0;
    }

    /** Whether bytes beyond the answer are buffered: a connection holding them cannot be reused. */
    boolean hasBufferedBytes() {
        return position < limit;
    }

    /** The next byte, or -1 at the end of the stream. */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /**
     * A line ended by LF (a CR before it is dropped), in ISO-8859-1, without its end.
     *
     * @return null when the stream ends before the line's first byte
     * @throws ProtocolException when the line is longer than {@code maxChars} or the stream ends within it
     */
    String line(int maxChars, String what) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = read();
            if (b < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new ProtocolException("the answer ended within its " + what);
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= maxChars) {
                throw new ProtocolException("the answer's " + what + " is longer than " + maxChars + " characters");
            }
            line.append((char) b);
        }
    }

    /** Exactly {@code length} bytes into {@code target} from {@code offset}. */
    void readFully(byte[] target, int offset, int length) throws IOException {
        while (length > 0) {
            if (position == limit && !fill()) {
                throw new ProtocolException("the answer ended " + length + " bytes before its announced length");
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            offset += n;
            length -= n;
        }
    }

    /** Everything up to the end of the stream, at most {@code maxBytes}. */
    void readToEnd(ByteArrayOutputStream target, int maxBytes) throws IOException {
        while (position < limit || fill()) {
            int n = limit - position;
            if (target.size() + (long) n > maxBytes) {
                throw new ProtocolException("the answer is larger than " + maxBytes + " bytes");
            }
            target.write(buffer, position, n);
            position = limit;
        }
    }

    private boolean fill() throws IOException {
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos <= 0) {
            throw new HttpTimeoutException("no complete answer before the deadline");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, (leftNanos + 999_999) / 1_000_000)));
        int n;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("no complete answer before the deadline");
        }
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        receivedBytes += n;
        return true;
    }
}
