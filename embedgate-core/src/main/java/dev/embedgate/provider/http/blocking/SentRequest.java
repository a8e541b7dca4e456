package dev.embedgate.provider.http.blocking;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * A request sent ({@link BlockingHttpClient#send}) whose answer has not been read: {@link #head()} reads the answer's
 * head on the calling thread, or another reader takes the first bytes from the {@link #detachableChannel} and gives
 * them to {@link #head(ByteBuffer)}. Either way the answer's body is then read from the {@link AnswerStream}, which the
 * caller must close; a request whose head is never read is ended with {@link #close}. If a pooled connection turns out
 * to have been closed by the server before any byte of the answer came back, the request is sent once more on a new
 * connection, as {@link BlockingHttpClient#post} does. Not thread-safe: one reader at a time.
 */
public final class SentRequest implements AutoCloseable {

    /** The most a reader taking the first bytes may give back ({@link #head(ByteBuffer)}). */
    public static final int MAX_RECEIVED_BYTES = DeadlineInput.BUFFER_BYTES;

    /** What the first bytes received hold, as far as a reader taking them over needs to know. */
    public enum Received {
        /** Not yet a whole head: more must be read. */
        PART_OF_HEAD,
        /** A whole final head (and maybe part of the body): {@link #head(ByteBuffer)} reads it without waiting. */
        WHOLE_HEAD,
        /** A whole interim (1xx) head, after which another follows: left to {@link #head(ByteBuffer)} to read on. */
        INTERIM_HEAD
    }

    private final BlockingHttpClient client;
    private final ConnectionPool pool;
    private final URI uri;
    private final Map<String, String> headers;
    private final byte[] body;
    private final long headDeadlineNanos;
    private Connection connection;
    private boolean pooled;
    private boolean ended;

    SentRequest(BlockingHttpClient client, ConnectionPool pool, Connection connection, boolean pooled, URI uri,
            Map<String, String> headers, byte[] body, long headDeadlineNanos) {
        this.client = client;
        this.pool = pool;
        this.connection = connection;
        this.pooled = pooled;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.headDeadlineNanos = headDeadlineNanos;
    }

    /**
     * The plain channel of the connection, with nothing of the answer read yet, that another reader may take the
     * first bytes from: in non-blocking mode, back in blocking mode before {@link #head(ByteBuffer)}. Null for a TLS
     * connection.
     */
    public SocketChannel detachableChannel() {
        return connection.in().hasBufferedBytes() ? null : connection.plainChannel();
    }

    /**
     * What the first bytes received on the {@link #detachableChannel} hold, from their position to their limit: the
     * head is whole at its first empty line.
     */
    public static Received received(ByteBuffer bytes) {
        int start = bytes.position();
        for (int at = start; at < bytes.limit(); at++) {
            if (bytes.get(at) == '\n' && ChunkLines.lineEndLength(bytes, at + 1) > 0) {
                // "HTTP/1.1 1xx": an interim answer, which another head follows.
                boolean interim = at - start >= 12 && bytes.get(start + 8) == ' ' && bytes.get(start + 9) == '1';
                return interim ? Received.INTERIM_HEAD : Received.WHOLE_HEAD;
            }
        }
        return Received.PART_OF_HEAD;
    }

    /**
     * Reads the answer's head, waiting for it until the deadline the request was sent with.
     *
     * @throws java.net.http.HttpTimeoutException when the head was not read before the deadline
     * @throws IOException                        when the connection failed or the head broke HTTP/1.1
     */
    public AnswerStream head() throws IOException {
        try {
            AnswerReader.Head head = AnswerReader.finalHead(connection.in());
            AnswerStream answer = new AnswerStream(connection, pool, head, BodyFraming.of(head, Long.MAX_VALUE));
            ended = true;
            return answer;
        } catch (IOException | RuntimeException e) {
            connection.close();
            if (!pooled || !(e instanceof IOException io)) {
                throw e;
            }
            BlockingHttpClient.requireStale(connection, io, headDeadlineNanos);
            connection = client.sendOnNewConnection(uri, headers, body, headDeadlineNanos);
            pooled = false;
            return head();
        }
    }

    /**
     * Reads the answer's head from the bytes another reader took from the {@link #detachableChannel} (at most
     * {@link #MAX_RECEIVED_BYTES}, none if it took none), and from the connection after them if they do not hold it
     * whole. Bytes that hold a {@link Received#WHOLE_HEAD} are read without touching the connection, so this may run
     * while the channel is still the other reader's.
     */
    public AnswerStream head(ByteBuffer received) throws IOException {
        connection.in().unread(received);
        return head();
    }

    /** Ends a request whose head was never read: its connection is closed. */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            connection.close();
        }
    }
}
