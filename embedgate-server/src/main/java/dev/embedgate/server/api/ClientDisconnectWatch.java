package dev.embedgate.server.api;

import dev.embedgate.call.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices that an HTTP/1.1 client closed its connection while its request is being worked on, and cancels the
 * request ({@link Cancellation}: its thread is interrupted while it waits for providers), so that nothing is computed
 * for a caller who is gone (Go's net/http does the same with a background read). Jetty reads nothing from a connection while its request is handled; this watch asks to be told
 * when the connection becomes readable: end of stream means the client went away. Bytes instead mean the client
 * pipelined its next request; one byte of it has been consumed, so the answer closes the connection
 * ({@code Connection: close}), which RFC 9112 lets clients retry.
 *
 * <p>Start it once the request body has been read; {@link #close()} before the answer is written.
 */
final class ClientDisconnectWatch implements AutoCloseable {

    private static final ClientDisconnectWatch NONE = new ClientDisconnectWatch(null, null, null);
    /**
     * Ends the watch's wait for the connection to become readable. One instance without a stack trace serves every
     * request: Jetty only hands it to the watch's own failure callback, which ignores it, and filling in a stack trace
     * for each answered request was 1% of the gateway's CPU under streaming load.
     */
    private static final CancellationException ANSWERED = new CancellationException("the request was answered") {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    private final Context ctx;
    private final AbstractEndPoint endPoint;
    private final Cancellation cancellation;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;
    private boolean pipelined;

    private ClientDisconnectWatch(Context ctx, AbstractEndPoint endPoint, Cancellation cancellation) {
        this.ctx = ctx;
        this.endPoint = endPoint;
        this.cancellation = cancellation;
    }

    /** Watches the request's connection on behalf of the calling thread; a no-op where the connection is not HTTP/1. */
    static ClientDisconnectWatch start(Context ctx) {
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                .getConnection().getEndPoint();
        if (!(endPoint instanceof AbstractEndPoint watched) || !"HTTP/1.1".equals(ctx.req().getProtocol())) {
            return NONE;
        }
        var watch = new ClientDisconnectWatch(ctx, watched, Cancellation.open());
        watch.listen();
        return watch;
    }

    private void listen() {
        if (!endPoint.tryFillInterested(Callback.from(this::readable, failure -> { }))) {
            // Someone else (Jetty itself) is reading the connection: there is nothing to watch.
            closed = true;
        }
    }

    private void readable() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            int read = endPoint.fill(BufferUtil.allocate(1));
            if (read < 0) {
                closed = true;
                cancellation.cancel();
            } else if (read > 0) {
                pipelined = true;
                closed = true;
            } else {
                listen();
            }
        } catch (IOException e) {
            closed = true;
            cancellation.cancel();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the client sent (the start of) its next request on the connection while this one was served: one byte
     * of it is gone, so the connection must end with this answer. Read it after {@link #close()}.
     */
    boolean pipelined() {
        lock.lock();
        try {
            return pipelined;
        } finally {
            lock.unlock();
        }
    }

    /** Stops watching before the answer is written (Jetty reads the next request once it is). */
    @Override
    public void close() {
        if (endPoint == null) {
            return;
        }
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                endPoint.getFillInterest().onFail(ANSWERED);
            }
            if (pipelined) {
                ctx.header("Connection", "close");
            }
        } finally {
            lock.unlock();
            cancellation.close();
        }
    }
}
