package dev.embedgate.bench.chat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 response off a socket's stream without a client library in between: the status line, the
 * headers, then the body (chunked, sized or up to the end of the connection) line by line, each line with the moment
 * its last byte came off the socket ({@link #lineArrivedNanos}), taken right after the {@code read} that delivered
 * it. Not thread-safe: one per connection.
 */
final class StreamReader {

    private final InputStream in;
    private final byte[] buffer = new byte[16_384];
    private int position;
    private int limit;
    private long filledAtNanos;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long lineArrivedNanos;

    private boolean chunked;
    private long remaining;
    private boolean bodyEnded;

    StreamReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the status line and headers of the next response and prepares to read its body.
     *
     * @return the status
     */
    int readHead() throws IOException {
        String status = rawLine();
        if (status == null) {
            throw new EOFException("the connection closed before a response");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        chunked = false;
        remaining = -1;
        bodyEnded = false;
        for (String header = rawLine(); header != null && !header.isEmpty(); header = rawLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                remaining = Long.parseLong(value);
            }
        }
        if (chunked) {
            remaining = 0;
        }
        return Integer.parseInt(parts[1]);
    }

    /** Whether the connection may carry another request: the body's end was framed, not the connection's. */
    boolean reusable() {
        return chunked || remaining >= 0;
    }

    /** The body's next line without its line end; null at the body's end. */
    String bodyLine() throws IOException {
        line.reset();
        for (int b = bodyByte(); b >= 0; b = bodyByte()) {
            if (b == '\n') {
                lineArrivedNanos = filledAtNanos;
                return text();
            }
            line.write(b);
        }
        lineArrivedNanos = filledAtNanos;
        return line.size() > 0 ? text() : null;
    }

    /** When the last byte of the line {@link #bodyLine} returned arrived. */
    long lineArrivedNanos() {
        return lineArrivedNanos;
    }

    /** Reads the rest of the body, so that the connection can carry the next request. */
    void drain() throws IOException {
        while (bodyByte() >= 0) {
            // Discarded.
        }
    }

    private String text() {
        int length = line.size();
        byte[] bytes = line.toByteArray();
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private int bodyByte() throws IOException {
        if (bodyEnded) {
            return -1;
        }
        if (chunked && remaining == 0) {
            String size = rawLine();
            if (size != null && size.isEmpty()) {
                size = rawLine();
            }
            if (size == null) {
                throw new EOFException("the connection closed inside a chunked body");
            }
            int extension = size.indexOf(';');
            remaining = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (remaining == 0) {
                for (String trailer = rawLine(); trailer != null && !trailer.isEmpty(); trailer = rawLine()) {
                    // Trailers are not used.
                }
                bodyEnded = true;
                return -1;
            }
        }
        if (!chunked && remaining == 0) {
            bodyEnded = true;
            return -1;
        }
        int b = rawByte();
        if (b < 0) {
            if (chunked || remaining > 0) {
                throw new EOFException("the connection closed inside a body");
            }
            bodyEnded = true;
            return -1;
        }
        if (remaining > 0) {
            remaining--;
        }
        return b;
    }

    private String rawLine() throws IOException {
        var raw = new StringBuilder();
        for (int b = rawByte(); b >= 0; b = rawByte()) {
            if (b == '\n') {
                int end = raw.length() > 0 && raw.charAt(raw.length() - 1) == '\r' ? raw.length() - 1 : raw.length();
                return raw.substring(0, end);
            }
            raw.append((char) b);
        }
        return raw.isEmpty() ? null : raw.toString();
    }

    private int rawByte() throws IOException {
        if (position == limit) {
            int read = in.read(buffer);
            filledAtNanos = System.nanoTime();
            if (read <= 0) {
                return -1;
            }
            position = 0;
            limit = read;
        }
        return buffer[position++] & 0xff;
    }
}
