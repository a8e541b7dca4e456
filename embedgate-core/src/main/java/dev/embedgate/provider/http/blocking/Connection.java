package dev.embedgate.provider.http.blocking;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One open connection to an origin, directly, through a proxy's tunnel, or to a plain-HTTP proxy: used by one
 * exchange at a time, then returned to the pool or closed.
 */
final class Connection implements AutoCloseable {

    private final Origin origin;
    private final Socket socket;
    private final boolean absoluteForm;
    private final DeadlineInput in;
    private final OutputStream out;
    private long idleSinceNanos;

    /** @param absoluteForm whether requests name the whole URL (a plain-HTTP proxy is at the other end) */
    Connection(Origin origin, Socket socket, boolean absoluteForm) throws IOException {
        this.origin = origin;
        this.socket = socket;
        this.absoluteForm = absoluteForm;
        this.in = new DeadlineInput(socket);
        this.out = socket.getOutputStream();
    }

    Origin origin() {
        return origin;
    }

    Socket socket() {
        return socket;
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

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do with it.
        }
    }
}
