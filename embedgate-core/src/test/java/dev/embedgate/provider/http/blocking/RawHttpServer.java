package dev.embedgate.provider.http.blocking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * A loopback server that speaks raw bytes: each accepted connection goes to a script that reads requests and writes
 * whatever answer a test needs, framing errors and stalls included. It records the requests it read.
 */
final class RawHttpServer implements AutoCloseable {

    /** What to do with one connection. */
    @FunctionalInterface
    interface Script {
        void run(Socket socket, RawHttpServer server) throws Exception;
    }

    /** A request as read: its head (request line and headers) and body. */
    record Request(String head, byte[] body) {

        String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final ServerSocket listener;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private RawHttpServer(ServerSocket listener, Script script) {
        this.listener = listener;
        this.script = script;
        Thread.ofVirtual().start(this::accept);
    }

    static RawHttpServer start(Script script) throws IOException {
        return start(ServerSocketFactory.getDefault(), script);
    }

    static RawHttpServer start(ServerSocketFactory sockets, Script script) throws IOException {
        return new RawHttpServer(sockets.createServerSocket(0, 50, InetAddress.getLoopbackAddress()), script);
    }

    /** Answers every request on every connection with {@code answer}, keeping connections open. */
    static RawHttpServer answering(String answer) throws IOException {
        return start((socket, server) -> {
            while (server.readRequest(socket) != null) {
                write(socket, answer);
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    List<Request> requests() {
        return requests;
    }

    /** Reads one request (framed by Content-Length), or returns null when the client closed the connection. */
    Request readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        String length = new Request(headText, null).header("content-length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        Request request = new Request(headText, body);
        requests.add(request);
        return request;
    }

    static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        script.run(socket, this);
                    } catch (Exception e) {
                        // The client went away or the script ended the connection: both are part of some tests.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
