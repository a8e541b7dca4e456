package dev.embedgate.provider.http.blocking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;

/**
 * An answer whose head has been read and whose body is read as it arrives, by the thread that opened it
 * ({@link BlockingHttpClient#open}): each {@link #read} waits at most until the deadline it is given, so a streamed
 * answer can have a deadline per event. It ends exactly one way: {@link #close()} (its connection goes back to the
 * pool if the body was read to its end, else is closed), or {@link #closeAfterDraining} (the rest of the body is read
 * and dropped, so a server that ends the body a moment after its last event still leaves the connection reusable).
 * Not thread-safe, but {@link #close()} may be called from another thread to cut a read short.
 */
public final class AnswerStream implements AutoCloseable {

    private final Connection connection;
    private final ConnectionPool pool;
    private final int status;
    private final Map<String, List<String>> headerFields;
    private final BodyFraming framing;
    private long leftInChunk;
    private boolean chunkOpen;
    private boolean ended;
    private boolean released;
    /** Bytes {@link #closeAfterDraining} dropped so far. */
    private long drainedBytes;

    AnswerStream(Connection connection, ConnectionPool pool, AnswerReader.Head head, BodyFraming framing) {
        this.connection = connection;
        this.pool = pool;
        this.status = head.status();
        this.headerFields = head.headers();
        this.framing = framing;
        this.leftInChunk = framing.kind() == BodyFraming.Kind.LENGTH ? framing.length() : 0;
        this.ended = framing.kind() == BodyFraming.Kind.NONE
                || (framing.kind() == BodyFraming.Kind.LENGTH && framing.length() == 0);
    }

    public int status() {
        return status;
    }

    /** Built when asked for (an error answer's, mostly): a streamed answer's own are rarely read. */
    public HttpHeaders headers() {
        return HttpHeaders.of(headerFields, (name, value) -> true);
    }

    /**
     * Reads what has arrived of the body, waiting for at least one byte until {@code deadlineNanos}
     * ({@link System#nanoTime()}).
     *
     * @return the count of bytes read into {@code target}, or -1 once the body has ended
     * @throws java.net.http.HttpTimeoutException when nothing arrived before the deadline
     * @throws IOException                        when the connection failed or the body broke its framing
     */
    public int read(byte[] target, long deadlineNanos) throws IOException {
        if (ended) {
            return -1;
        }
        DeadlineInput in = connection.in();
        in.deadline(deadlineNanos);
        return switch (framing.kind()) {
            case NONE -> -1;
            case UNTIL_CLOSE -> {
                int n = in.readSome(target, 0, target.length);
                ended = n < 0;
                yield n;
            }
            case LENGTH -> {
                int n = in.readSome(target, 0, (int) Math.min(target.length, leftInChunk));
                if (n < 0) {
                    throw new ProtocolException("the answer ended " + leftInChunk + " bytes before its announced length");
                }
                leftInChunk -= n;
                ended = leftInChunk == 0;
                yield n;
            }
            case CHUNKED -> readChunked(in, target);
        };
    }

    private int readChunked(DeadlineInput in, byte[] target) throws IOException {
        if (leftInChunk == 0) {
            if (chunkOpen) {
                AnswerReader.endOfChunk(in);
                chunkOpen = false;
            }
            leftInChunk = AnswerReader.chunkSize(in);
            chunkOpen = leftInChunk > 0;
            if (!chunkOpen) {
                ended = true;
                return -1;
            }
        }
        int n = in.readSome(target, 0, (int) Math.min(target.length, leftInChunk));
        if (n < 0) {
            throw new ProtocolException("the answer ended within a chunk");
        }
        leftInChunk -= n;
        return n;
    }

    /**
     * The plain channel of a chunked body that another reader may take over here: between chunks, with nothing
     * buffered; null otherwise. The taker reads the channel in non-blocking mode and gives the body back with
     * {@link #resume}.
     */
    public SocketChannel detachableChannel() {
        if (framing.kind() != BodyFraming.Kind.CHUNKED || ended || leftInChunk != 0) {
            return null;
        }
        // Most servers send a chunk's line end with its data: it is all that is buffered between events.
        if (chunkOpen && connection.in().skipBufferedEmptyLine()) {
            chunkOpen = false;
        }
        return connection.in().hasBufferedBytes() ? null : connection.plainChannel();
    }

    /** Whether the chunk last read still needs its line end: where a reader taking over starts. */
    public boolean chunkOpen() {
        return chunkOpen;
    }

    /**
     * Takes back a body another reader read from {@link #detachableChannel}: the bytes it took from the socket and
     * did not consume, and where it left the chunk framing. The channel must be in blocking mode again.
     */
    public void resume(ByteBuffer unread, long leftInChunk, boolean chunkOpen) {
        connection.in().unread(unread);
        this.leftInChunk = leftInChunk;
        this.chunkOpen = chunkOpen;
    }

    /**
     * The rest of the body, read whole (an error answer, say).
     *
     * @throws ProtocolException when it is larger than {@code maxBytes}
     */
    public byte[] readRest(int maxBytes, long deadlineNanos) throws IOException {
        var body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8 * 1024];
        for (int n; (n = read(buffer, deadlineNanos)) >= 0; ) {
            if (body.size() + n > maxBytes) {
                throw new ProtocolException("the answer is larger than " + maxBytes + " bytes");
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    /**
     * Ends the exchange at once: the connection is pooled if the body was read to its end and nothing follows it,
     * closed otherwise (which also ends a read blocked on another thread).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        if (ended && framing.reusable() && !connection.in().hasBufferedBytes()) {
            pool.give(connection, System.nanoTime());
        } else {
            connection.close();
        }
    }

    /**
     * Ends the exchange, reading the rest of the body (at most {@code maxBytes}, until {@code deadlineNanos}) so that
     * the connection is reused if the body ends in time. The calling thread waits for it up to
     * {@code waitNanos} (servers end the body right after their last event); a virtual thread reads what comes later.
     * For the few bytes that follow a stream's last event.
     */
    public void closeAfterDraining(long maxBytes, long waitNanos, long deadlineNanos) {
        try {
            drain(maxBytes, Math.min(deadlineNanos, System.nanoTime() + waitNanos));
        } catch (HttpTimeoutException notYetEnded) {
            Thread.ofVirtual().name("embedgate-http-drain").start(() -> {
                try {
                    drain(maxBytes, deadlineNanos);
                } catch (IOException e) {
                    // The connection is closed below: it served its stream.
                } finally {
                    close();
                }
            });
            return;
        } catch (IOException e) {
            // Closed below.
        }
        close();
    }

    /**
     * Reads and drops the body until its end, or until more than {@code maxBytes} of it were dropped. After a stream's
     * last event there is rarely more than the last chunk's framing, which the reads consume: the buffer is small.
     */
    private void drain(long maxBytes, long deadlineNanos) throws IOException {
        byte[] buffer = new byte[128];
        for (int n; drainedBytes <= maxBytes && (n = read(buffer, deadlineNanos)) >= 0; ) {
            drainedBytes += n;
        }
    }
}
