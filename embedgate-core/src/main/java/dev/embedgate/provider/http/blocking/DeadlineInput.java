package dev.embedgate.provider.http.blocking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A socket's input, buffered, with one deadline for a whole exchange: every read waits at most until the deadline
 * (the socket's timeout is set to what is left before each read; a deadline more than a second away is kept by
 * {@link FarDeadlines}, which closes the socket when it passes), so a server that trickles bytes cannot stretch an
 * answer past it. One exchange at a time; not thread-safe, but {@link #expireIfPast} may be called from any thread.
 */
final class DeadlineInput {

    private static final int BUFFER_BYTES = 16 * 1024;

    private final Socket socket;
    private final Socket tcp;
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private int position;
    private int limit;
    private long deadlineNanos;
    private long receivedBytes;
    /** The socket's timeout as last set, -1 before that. */
    private int timeoutMillis = -1;
    private boolean watched;
    /** The deadline of the far read under way, if {@link #farRead}. */
    private volatile long farDeadlineNanos;
    private volatile boolean farRead;
    private volatile boolean expired;

    /**
     * @param tcp the TCP socket under {@code socket} (itself, or the one under its TLS session): what a far deadline
     *            closes
     */
    DeadlineInput(Socket socket, Socket tcp) throws IOException {
        this.socket = socket;
        this.tcp = tcp;
        this.in = socket.getInputStream();
    }

    /** Starts an exchange that must be read whole by {@code deadlineNanos} ({@link System#nanoTime()}). */
    void startExchange(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        this.receivedBytes = limit - position;
    }

    /** Moves the deadline of the exchange under way: a streamed answer's next read may wait until then. */
    void deadline(long nanos) {
        this.deadlineNanos = nanos;
    }

    /** Whether any byte arrived since the exchange started: a pooled connection that fails before is stale. */
    boolean receivedAny() {
        return receivedBytes > 0;
    }

    /**
     * Whether an idle connection is still open with nothing unread: a read that waits a millisecond must time out,
     * not find the end of the stream (the server closed it) or bytes (a late 408, or junk after the last answer).
     */
    boolean idleAndOpen() {
        if (position < limit) {
            return false;
        }
        try {
            timeout(1);
            int n = in.read(buffer, 0, buffer.length);
            if (n > 0) {
                position = 0;
                limit = n;
            }
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether bytes beyond the answer are buffered: a connection holding them cannot be reused. */
    boolean hasBufferedBytes() {
        return position < limit;
    }

    /** Gives back bytes read from the socket by another reader: they are read first, as if never taken. */
    void unread(ByteBuffer bytes) {
        if (position < limit || bytes.remaining() > buffer.length) {
            throw new IllegalStateException("unread needs an empty buffer and at most " + buffer.length + " bytes");
        }
        position = 0;
        limit = bytes.remaining();
        bytes.get(buffer, 0, limit);
        receivedBytes += limit;
    }

    /**
     * A line ended by LF (a CR before it is dropped), in ISO-8859-1, without its end.
     *
     * @return null when the stream ends before the line's first byte
     * @throws ProtocolException when the line is longer than {@code maxChars} or the stream ends within it
     */
    String line(int maxChars, String what) throws IOException {
        StringBuilder spill = null;
        while (true) {
            if (position == limit && !fill()) {
                if (spill == null) {
                    return null;
                }
                throw new ProtocolException("the answer ended within its " + what);
            }
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int length = end - position + (spill == null ? 0 : spill.length());
            if (length > maxChars + 1) {
                throw new ProtocolException("the answer's " + what + " is longer than " + maxChars + " characters");
            }
            if (end == limit) {
                // The line goes on in the next read.
                String part = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                spill = spill == null ? new StringBuilder(part) : spill.append(part);
                position = limit;
                continue;
            }
            String line;
            if (spill == null) {
                // The usual case, the line buffered whole: its text is made once, without the CR.
                int textEnd = end > position && buffer[end - 1] == '\r' ? end - 1 : end;
                line = new String(buffer, position, textEnd - position, StandardCharsets.ISO_8859_1);
            } else {
                line = spill.append(new String(buffer, position, end - position, StandardCharsets.ISO_8859_1))
                        .toString();
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
            }
            position = end + 1;
            if (line.length() > maxChars) {
                throw new ProtocolException("the answer's " + what + " is longer than " + maxChars + " characters");
            }
            return line;
        }
    }

    /**
     * A line of one to eight hexadecimal digits (a chunk's size, as servers write it) if it is buffered whole, read and
     * consumed; -1, with nothing consumed, for any other line or one not buffered whole, which {@link #line} then reads.
     * It makes no text of the line: a streamed answer has one per event.
     */
    long bufferedHexLine() {
        long size = ChunkLines.sizeLine(buffered());
        position = view.position();
        return size;
    }

    /** Consumes an empty line (CRLF or LF) if it is buffered; false, with nothing consumed, otherwise. */
    boolean skipBufferedEmptyLine() {
        int lineEnd = ChunkLines.lineEndLength(buffered(), position);
        position += lineEnd;
        return lineEnd > 0;
    }

    /** The buffered bytes, as a view of the buffer from {@link #position} to {@link #limit}. */
    private ByteBuffer buffered() {
        return view.limit(limit).position(position);
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

    /**
     * What has arrived, at most {@code length} bytes: buffered bytes if any, else what one read of the socket brings.
     *
     * @return the count, or -1 at the end of the stream
     */
    int readSome(byte[] target, int offset, int length) throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
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

    /** A socket timeout for what is left of a deadline: whole milliseconds, rounded up, at least one. */
    static int timeoutMillis(long leftNanos) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (leftNanos + 999_999) / 1_000_000));
    }

    private boolean fill() throws IOException {
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos <= 0) {
            throw deadlinePassed();
        }
        int n = leftNanos > FarDeadlines.FAR_NANOS ? readBeforeFarDeadline() : readWithin(leftNanos);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        receivedBytes += n;
        return true;
    }

    private int readWithin(long leftNanos) throws IOException {
        timeout(timeoutMillis(leftNanos));
        try {
            return in.read(buffer, 0, buffer.length);
        } catch (SocketTimeoutException e) {
            throw deadlinePassed();
        }
    }

    private int readBeforeFarDeadline() throws IOException {
        timeout(0);
        if (!watched) {
            watched = true;
            FarDeadlines.watch(this);
        }
        farDeadlineNanos = deadlineNanos;
        farRead = true;
        try {
            return in.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            if (expired) {
                throw deadlinePassed();
            }
            throw e;
        } finally {
            farRead = false;
        }
    }

    /**
     * Ends a far read whose deadline has passed by closing the socket ({@link FarDeadlines}).
     *
     * @return whether the input needs no more watching: its socket is closed
     */
    boolean expireIfPast(long nowNanos) {
        if (farRead && nowNanos - farDeadlineNanos >= 0) {
            expired = true;
            try {
                tcp.close();
            } catch (IOException alreadyClosed) {
                // Closed either way.
            }
        }
        return tcp.isClosed();
    }

    /**
     * Stops the watch of far reads: when the connection is closed, and while it waits in the pool, where no read is
     * under way (the sweeper then looks only at connections in use). Its next far read watches it again.
     */
    void stopWatching() {
        if (watched) {
            watched = false;
            FarDeadlines.unwatch(this);
        }
    }

    private void timeout(int millis) throws IOException {
        if (millis != timeoutMillis) {
            socket.setSoTimeout(millis);
            timeoutMillis = millis;
        }
    }

    private static HttpTimeoutException deadlinePassed() {
        return new HttpTimeoutException("no complete answer before the deadline");
    }
}
