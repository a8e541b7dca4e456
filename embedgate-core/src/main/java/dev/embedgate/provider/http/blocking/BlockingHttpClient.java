package dev.embedgate.provider.http.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * An HTTP/1.1 client that runs each exchange on the calling thread, with blocking sockets and a pool of keep-alive
 * connections: made for virtual threads, where a blocked read costs a parked thread and nothing more. A call hands
 * nothing to other threads (the JDK's {@code HttpClient} passes every exchange through its selector thread and an
 * executor, and those wake-ups cost about as much CPU as the rest of a proxied embedding request).
 *
 * <p>One deadline covers a whole exchange ({@link #post}): connecting, TLS, sending and reading the answer to its last
 * byte. A streamed answer ({@link #open}) has a deadline for its head, and one per read of its body after that.
 * Keep-alive connections are reused most recent first, for at most 30 s or what the server's {@code Keep-Alive}
 * header says; one idle for over a second is checked for a close from the server before it is used. If a pooled
 * connection still fails before any byte of the answer arrives, the server closed it as the request went out, and the
 * request is sent once more on a new connection (as browsers and OkHttp do; embedding calls are idempotent).
 * Whole answers larger than {@link #MAX_ANSWER_BYTES} are refused.
 *
 * <p>An interrupt ends a call on a virtual thread at once (the JDK closes its socket); on a platform thread the call
 * runs to its deadline, as blocking socket I/O there ignores interrupts. Thread-safe.
 */
public final class BlockingHttpClient implements AutoCloseable {

    /** The largest answer read: above any embedding answer (2,048 vectors of 3,072 floats as JSON is about 130 MB). */
    public static final int MAX_ANSWER_BYTES = 256 * 1024 * 1024;
    /** Bodies up to this size fit a socket's send buffer, so writing them cannot block on a server that stopped reading. */
    private static final int UNGUARDED_WRITE_BYTES = 16 * 1024;
    /**
     * Enough for a burst of hundreds of streams to one provider to find their connections again in the next: a
     * connection closed for want of room costs the next burst a new one (a TLS handshake, for a real provider), and
     * idle ones close after {@link #IDLE_TIMEOUT} anyway.
     */
    private static final int MAX_IDLE_PER_ORIGIN = 256;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** A connection idle this long is checked before reuse: servers with short keep-alive timeouts may have closed it. */
    private static final long PROBE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Connector connector;
    private final ConnectionPool pool;
    private final int maxAnswerBytes;
    private volatile boolean closed;

    /** Verifies servers with the JVM's default trust store; proxies as the JVM's default {@link ProxySelector} says. */
    public BlockingHttpClient() {
        this(defaultTls(), ProxySelector.getDefault(), MAX_ANSWER_BYTES);
    }

    BlockingHttpClient(SSLSocketFactory tls, ProxySelector proxies, int maxAnswerBytes) {
        this.connector = new Connector(tls, proxies);
        this.pool = new ConnectionPool(MAX_IDLE_PER_ORIGIN, IDLE_TIMEOUT.toNanos());
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /**
     * POSTs {@code body} and reads the whole answer, whatever its status.
     *
     * @param headers  sent as given; {@code Host}, {@code Content-Length} and the connection's own headers are this
     *                 client's and refused here
     * @param timeout  for the whole exchange
     * @throws java.net.http.HttpConnectTimeoutException when no connection opened before the deadline
     * @throws HttpTimeoutException when the answer was not read whole before the deadline
     * @throws IOException          when the connection failed or the answer broke HTTP/1.1
     */
    public HttpAnswer post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        return onConnection(uri, headers, deadlineNanos, connection -> exchange(connection, uri, headers, body, deadlineNanos));
    }

    /**
     * POSTs {@code body} and reads the answer's head; its body is then read as it arrives, from the
     * {@link AnswerStream}, which the caller must close.
     *
     * @param headDeadlineNanos when connecting, sending and reading the head must be done by ({@link System#nanoTime()})
     * @throws java.net.http.HttpConnectTimeoutException when no connection opened in time
     * @throws HttpTimeoutException when the head was not read before the deadline
     * @throws IOException          when the connection failed or the head broke HTTP/1.1
     */
    public AnswerStream open(URI uri, Map<String, String> headers, byte[] body, long headDeadlineNanos) throws IOException {
        return onConnection(uri, headers, headDeadlineNanos, connection -> {
            try {
                connection.in().startExchange(headDeadlineNanos);
                send(connection, RequestHead.post(uri, connection.origin(), connection.absoluteForm(), headers, body.length),
                        body, headDeadlineNanos);
                AnswerReader.Head head = AnswerReader.finalHead(connection.in());
                return new AnswerStream(connection, pool, head, BodyFraming.of(head, Long.MAX_VALUE));
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        });
    }

    /** One exchange on a connection, which it gives back to the pool or closes. */
    @FunctionalInterface
    private interface Exchange<T> {
        T run(Connection connection) throws IOException;
    }

    /**
     * Runs the exchange on a pooled connection if there is one, and on a new one if the pooled one failed before any
     * byte of an answer came back: the server had closed it as the request went out, which is no failure of the request.
     */
    private <T> T onConnection(URI uri, Map<String, String> headers, long deadlineNanos, Exchange<T> exchange)
            throws IOException {
        Origin origin = Origin.of(uri);
        RequestHead.check(headers);
        if (closed) {
            throw new IOException("the HTTP client is closed");
        }
        Connection pooled = pooledConnection(origin);
        if (pooled != null) {
            try {
                return exchange.run(pooled);
            } catch (HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (pooled.in().receivedAny() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                if (System.nanoTime() - deadlineNanos >= 0) {
                    throw new HttpTimeoutException("no answer before the deadline");
                }
            }
        }
        return exchange.run(connector.open(origin, deadlineNanos));
    }

    /** A pooled connection; one idle for a while is first checked for a close (or stray bytes) from the server. */
    private Connection pooledConnection(Origin origin) {
        while (true) {
            long now = System.nanoTime();
            Connection connection = pool.take(origin, now);
            if (connection == null || now - connection.idleSinceNanos() < PROBE_AFTER_IDLE_NANOS || connection.in().idleAndOpen()) {
                return connection;
            }
            connection.close();
        }
    }

    private HttpAnswer exchange(Connection connection, URI uri, Map<String, String> headers, byte[] body,
            long deadlineNanos) throws IOException {
        boolean reusable = false;
        try {
            connection.in().startExchange(deadlineNanos);
            byte[] head = RequestHead.post(uri, connection.origin(), connection.absoluteForm(), headers, body.length);
            send(connection, head, body, deadlineNanos);
            AnswerReader.Read read = AnswerReader.read(connection.in(), maxAnswerBytes);
            reusable = read.reusable();
            if (read.keepAliveSeconds() >= 0) {
                // A second early: the server's clock starts when it sent the answer, ours when we finished reading it.
                connection.maxIdleNanos(TimeUnit.SECONDS.toNanos(Math.max(0, read.keepAliveSeconds() - 1)));
            }
            return read.answer();
        } finally {
            if (reusable) {
                pool.give(connection, System.nanoTime());
            } else {
                connection.close();
            }
        }
    }

    private static void send(Connection connection, byte[] head, byte[] body, long deadlineNanos) throws IOException {
        OutputStream out = connection.out();
        if (head.length + body.length <= UNGUARDED_WRITE_BYTES) {
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            out.flush();
            return;
        }
        try (var watchdog = SocketWatchdog.arm(connection.tcp(), deadlineNanos)) {
            try {
                out.write(head);
                out.write(body);
                out.flush();
            } catch (IOException e) {
                if (watchdog.fired()) {
                    throw new HttpTimeoutException("the request could not be sent before the deadline");
                }
                throw e;
            }
        }
    }

    /** Closes idle connections; exchanges in flight finish and close theirs. */
    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    int idleConnections(URI uri) {
        return pool.idleCount(Origin.of(uri));
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }
}
