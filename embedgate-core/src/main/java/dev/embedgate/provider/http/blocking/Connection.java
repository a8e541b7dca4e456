package dev.embedgate.provider.http.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * One open connection to an origin, directly, through a proxy's tunnel, or to a plain-HTTP proxy: used by one
 * exchange at a time, then returned to the pool or closed.
 */
final class Connection implements AutoCloseable {

    private final Origin origin;
    private final Socket tcp;
    private final Socket socket;
    private final boolean absoluteForm;
    private final DeadlineInput in;
    private final OutputStream out;
    private long idleSinceNanos;
    private long maxIdleNanos = Long.MAX_VALUE;

    /**
     * @param tcp          the TCP socket ({@code socket} itself, or the one under its TLS session)
     * @param absoluteForm whether requests name the whole URL (a plain-HTTP proxy is at the other end)
     */
    Connection(Origin origin, Socket tcp, Socket socket, boolean absoluteForm) throws IOException {
        this.origin = origin;
        this.tcp = tcp;
        this.socket = socket;
        this.absoluteForm = absoluteForm;
        this.in = new DeadlineInput(socket, tcp);
        this.out = socket.getOutputStream();
    }

    Origin origin() {
        return origin;
    }

    /** The TCP socket: what a watchdog closes. */
    Socket tcp() {
        return tcp;
    }

    /** The TCP channel of a plain connection (no TLS) opened as one, else null. */
    SocketChannel plainChannel() {
        return socket == tcp ? tcp.getChannel() : null;
    }

    boolean absoluteForm() {
        return absoluteForm;
    }

    DeadlineInput in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    void idleSince(long nanos) {
        idleSinceNanos = nanos;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    /** How long the server said it keeps the connection open when idle ({@code Keep-Alive: timeout=N}). */
    void maxIdleNanos(long nanos) {
        maxIdleNanos = nanos;
    }

    long maxIdleNanos() {
        return maxIdleNanos;
    }

    @Override
    public void close() {
        in.stopWatching();
        try {
            tcp.close();
            if (socket != tcp) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Closing is all that is left to do with it.
        }
    }
}
