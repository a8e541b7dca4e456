package dev.embedgate.provider.http.blocking;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x answer from a connection: the status line, the header section and the body, framed by
 * {@code Content-Length}, by chunked transfer coding or by the end of the connection. Interim (1xx) answers are
 * skipped. Everything is bounded: header lines, header count, body size.
 */
final class AnswerReader {

    /**
     * An answer read whole, and whether the connection may carry another exchange.
     *
     * @param keepAliveSeconds how long the server keeps the connection open when idle ({@code Keep-Alive: timeout=N}),
     *                         or -1 when it did not say
     */
    record Read(HttpAnswer answer, boolean reusable, long keepAliveSeconds) {
    }

    /** A status line and its header section (names lower-cased, values trimmed, in the order received). */
    record Head(String statusLine, int status, Map<String, List<String>> headers) {
    }

    private static final int MAX_LINE_CHARS = 16 * 1024;
    private static final int MAX_HEADER_LINES = 256;
    private static final int INITIAL_BODY_BYTES = 64 * 1024;
    /** Names every answer of a provider carries, among them those read here; an answer's head is read per call. */
    private static final List<String> COMMON_NAMES = List.of("content-type", "content-length", "transfer-encoding",
            "connection", "keep-alive", "date", "server", "cache-control", "vary", "x-request-id", "retry-after");

    private AnswerReader() {
    }

    /**
     * @throws EOFException      when the connection ends before the status line (a pooled connection the server closed)
     * @throws ProtocolException when the answer breaks HTTP/1.1's framing or a limit
     */
    static Read read(DeadlineInput in, int maxBodyBytes) throws IOException {
        Head head = finalHead(in);
        Map<String, List<String>> headers = head.headers();
        BodyFraming framing = BodyFraming.of(head, maxBodyBytes);
        byte[] body = switch (framing.kind()) {
            case NONE -> new byte[0];
            case CHUNKED -> chunked(in, maxBodyBytes);
            case LENGTH -> fixedLength(in, (int) framing.length());
            case UNTIL_CLOSE -> {
                var untilClose = new ByteArrayOutputStream();
                in.readToEnd(untilClose, maxBodyBytes);
                yield untilClose.toByteArray();
            }
        };
        return new Read(new HttpAnswer(head.status(), HttpHeaders.of(headers, (name, value) -> true), body),
                framing.reusable() && !in.hasBufferedBytes(), keepAliveSeconds(headers.get("keep-alive")));
    }

    /**
     * The final answer's status line and header section: interim (1xx) answers are skipped.
     *
     * @throws EOFException      when the connection ends before the status line
     * @throws ProtocolException when the server switches protocols, which no request here asks for
     */
    static Head finalHead(DeadlineInput in) throws IOException {
        while (true) {
            Head head = head(in);
            if (head.status() == 101) {
                throw new ProtocolException("the server switched protocols (101), which was not asked for");
            }
            if (head.status() >= 200) {
                return head;
            }
        }
    }

    /**
     * Reads a status line and its header section.
     *
     * @throws EOFException when the connection ends before the status line
     */
    static Head head(DeadlineInput in) throws IOException {
        String statusLine = in.line(MAX_LINE_CHARS, "status line");
        if (statusLine == null) {
            throw new EOFException("the server closed the connection without answering");
        }
        return new Head(statusLine, status(statusLine), fields(in, "header"));
    }

    private static int status(String line) throws ProtocolException {
        // "HTTP/1.1 200 OK": the reason phrase may be empty or missing.
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new ProtocolException("not an HTTP/1.x status line: " + printable(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("not an HTTP/1.x status line: " + printable(line));
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new ProtocolException("not an HTTP status: " + status);
        }
        return status;
    }

    /**
     * A header or trailer section: names lower-cased, values trimmed, in the order received.
     *
     * @param section "header" or "trailer", for messages
     */
    private static Map<String, List<String>> fields(DeadlineInput in, String section) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String last = null;
        for (int lines = 0; ; lines++) {
            String line = in.line(MAX_LINE_CHARS, section + " section");
            if (line == null) {
                throw new ProtocolException("the answer ended within its " + section + " section");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (lines >= MAX_HEADER_LINES) {
                throw new ProtocolException("the answer has more than " + MAX_HEADER_LINES + " " + section + " lines");
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                // An obsolete folded line continues the previous value (RFC 9112 5.2).
                List<String> values = headers.get(last);
                values.set(values.size() - 1, values.getLast() + " " + line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(colon - 1)) || Character.isWhitespace(line.charAt(0))) {
                throw new ProtocolException("malformed " + section + " line: " + printable(line));
            }
            String name = name(line, colon);
            headers.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value(line, colon + 1));
            last = name;
        }
    }

    /** The field's name, lower-cased: one of {@link #COMMON_NAMES} if it is one, with no text made of it. */
    private static String name(String line, int colon) {
        for (String common : COMMON_NAMES) {
            if (common.length() == colon && line.regionMatches(true, 0, common, 0, colon)) {
                return common;
            }
        }
        return line.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** The field's value, without the white space around it. */
    private static String value(String line, int from) {
        int start = from;
        int end = line.length();
        while (start < end && line.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && line.charAt(end - 1) <= ' ') {
            end--;
        }
        return line.substring(start, end);
    }

    /**
     * A body of an announced length, read into an array that grows as bytes arrive: a length announced by a server
     * is not a reason to allocate it before the bytes come.
     */
    private static byte[] fixedLength(DeadlineInput in, int length) throws IOException {
        byte[] body = new byte[Math.min(length, INITIAL_BODY_BYTES)];
        int read = 0;
        while (read < length) {
            if (read == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
            }
            int n = body.length - read;
            in.readFully(body, read, n);
            read += n;
        }
        return body;
    }

    /** {@code timeout=N} of a {@code Keep-Alive} header, or -1. */
    private static long keepAliveSeconds(List<String> values) {
        if (values == null) {
            return -1;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                String parameter = part.trim();
                if (parameter.regionMatches(true, 0, "timeout=", 0, 8)) {
                    return digits(parameter.substring(8).trim());
                }
            }
        }
        return -1;
    }

    /** A non-negative decimal of at most 18 digits, or -1. */
    static long digits(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static byte[] chunked(DeadlineInput in, int maxBodyBytes) throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            long size = chunkSize(in);
            if (size == 0) {
                return body.toByteArray();
            }
            if (body.size() + size > maxBodyBytes) {
                throw new ProtocolException("the answer is larger than " + maxBodyBytes + " bytes");
            }
            byte[] chunk = new byte[(int) size];
            in.readFully(chunk, 0, chunk.length);
            body.write(chunk);
            endOfChunk(in);
        }
    }

    /** The size of the next chunk; after the last (size 0) its trailer section is read too. */
    static long chunkSize(DeadlineInput in) throws IOException {
        long plain = in.bufferedHexLine();
        if (plain >= 0) {
            if (plain == 0) {
                fields(in, "trailer");
            }
            return plain;
        }
        String sizeLine = in.line(MAX_LINE_CHARS, "chunk size");
        if (sizeLine == null) {
            throw new ProtocolException("the answer ended before its last chunk");
        }
        int semicolon = sizeLine.indexOf(';');
        long size = hex((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim());
        if (size < 0) {
            throw new ProtocolException("invalid chunk size " + printable(sizeLine));
        }
        if (size == 0) {
            fields(in, "trailer");
        }
        return size;
    }

    /** The line end that closes a chunk's data. */
    static void endOfChunk(DeadlineInput in) throws IOException {
        if (in.skipBufferedEmptyLine()) {
            return;
        }
        String end = in.line(2, "chunk");
        if (end == null || !end.isEmpty()) {
            throw new ProtocolException("a chunk is longer than its announced size");
        }
    }

    /** A hexadecimal of at most 8 digits, or -1. */
    private static long hex(String text) {
        if (text.isEmpty() || text.length() > 8) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** At most 80 characters, control characters replaced: answers come from outside. */
    static String printable(String text) {
        String shortened = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return "'" + shortened.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
