package dev.embedgate.bench.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket that posts a streamed chat completion and times its chunks
 * as they come off the socket: no client library, thread pool or body subscriber between the socket and the clock.
 * Meant to be read on a virtual thread. Not thread-safe: one per client.
 */
final class StreamConnection implements AutoCloseable {

    private final URI endpoint;
    private final String apiKey;
    private Socket socket;
    private OutputStream out;
    private StreamReader reader;
    /** Where the current exchange is, for the message of a failure. */
    private String phase;
    private int textChunks;
    private boolean reused;

    /** @param apiKey sent as {@code Authorization: Bearer}; null for none */
    StreamConnection(URI endpoint, String apiKey) {
        this.endpoint = endpoint;
        this.apiKey = apiKey;
    }

    /**
     * Posts the body and reads the whole streamed answer.
     *
     * @throws IOException when the connection fails, the status is not 200 or the stream carried no text
     */
    StreamTiming stream(byte[] body) throws IOException {
        reused = socket != null;
        if (socket == null) {
            connect();
        }
        phase = "writing the request";
        textChunks = 0;
        byte[] head = ("POST " + endpoint.getRawPath() + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":"
                + endpoint.getPort() + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"
                + (apiKey == null ? "" : "Authorization: Bearer " + apiKey + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            long sent = System.nanoTime();
            out.write(head);
            out.write(body);
            out.flush();
            phase = "reading the status and headers";
            int status = reader.readHead();
            if (status != 200) {
                reader.drain();
                throw new IOException("status " + status);
            }
            phase = "reading the body";
            StreamTiming timing = read(sent);
            if (!reader.reusable()) {
                close();
            }
            return timing;
        } catch (IOException e) {
            close();
            throw new IOException(e + " while " + phase + " after " + textChunks + " text chunk(s), on a "
                    + (reused ? "kept-alive" : "new") + " connection", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private StreamTiming read(long sent) throws IOException {
        long first = -1;
        long previous = 0;
        long[] gaps = new long[64];
        int count = 0;
        boolean done = false;
        for (String line = reader.bodyLine(); line != null; line = reader.bodyLine()) {
            if (ContentChunks.carriesText(line)) {
                textChunks++;
                long arrived = reader.lineArrivedNanos();
                if (first < 0) {
                    first = arrived - sent;
                } else {
                    if (count == gaps.length) {
                        gaps = Arrays.copyOf(gaps, count * 2);
                    }
                    gaps[count++] = arrived - previous;
                }
                previous = arrived;
            } else if (ContentChunks.done(line)) {
                done = true;
            }
        }
        if (first < 0) {
            throw new IOException("the stream carried no text");
        }
        return new StreamTiming(first, Arrays.copyOf(gaps, count), done);
    }

    private void connect() throws IOException {
        socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        reader = new StreamReader(socket.getInputStream());
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a broken connection: nothing more to learn from it.
            }
            socket = null;
        }
    }
}
