package dev.embedgate.provider.http.blocking;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * Closes a TCP socket at a deadline unless disarmed first: the bound for what socket timeouts do not cover (a TLS
 * handshake trickled byte by byte, a write to a server that stopped reading). It closes the plain TCP socket under
 * a TLS session, never the TLS socket itself, whose close would wait for the very write it must interrupt. A
 * virtual thread sleeps until the deadline; it is made only around connecting and large writes.
 */
final class SocketWatchdog implements AutoCloseable {

    private final Thread sleeper;
    private volatile boolean fired;

    private SocketWatchdog(Socket tcp, long deadlineNanos) {
        this.sleeper = Thread.ofVirtual().name("embedgate-http-deadline").start(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(deadlineNanos - System.nanoTime());
                fired = true;
                tcp.close();
            } catch (InterruptedException | IOException disarmed) {
                // Disarmed in time, or the socket was already closed.
            }
        });
    }

    static SocketWatchdog arm(Socket tcp, long deadlineNanos) {
        return new SocketWatchdog(tcp, deadlineNanos);
    }

    /** Whether the deadline passed and the socket was closed. */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        sleeper.interrupt();
    }
}
