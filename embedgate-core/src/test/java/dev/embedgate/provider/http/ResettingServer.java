package dev.embedgate.provider.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** Accepts connections, reads the start of the request, and resets the connection (TCP RST) without answering. */
public final class ResettingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;

    private ResettingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    public static ResettingServer start() {
        try {
            return new ResettingServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.getInputStream().read(new byte[256]);
                connection.setSoLinger(true, 0);
            } catch (IOException e) {
                // closed: the test is over
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(1000);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
