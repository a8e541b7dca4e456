package dev.embedgate.provider.http.blocking;

import java.net.ProtocolException;
import java.util.List;
import java.util.Map;

/**
 * How an answer's body is delimited (RFC 9112 6.3), and whether its connection may carry another exchange once the
 * body has been read to its end.
 *
 * @param kind     by chunks, by an announced length, by the end of the connection, or no body at all
 * @param length   the announced length ({@link Kind#LENGTH} only)
 * @param reusable whether the connection may be reused after the body (before looking for stray bytes after it)
 */
record BodyFraming(Kind kind, long length, boolean reusable) {

    enum Kind { NONE, CHUNKED, LENGTH, UNTIL_CLOSE }

    /**
     * @throws ProtocolException for a transfer coding other than chunked, an invalid length, or one over {@code maxBodyBytes}
     */
    static BodyFraming of(AnswerReader.Head head, long maxBodyBytes) throws ProtocolException {
        int status = head.status();
        Map<String, List<String>> headers = head.headers();
        boolean keepAlive = head.statusLine().startsWith("HTTP/1.1") && !hasToken(headers.get("connection"), "close");
        boolean chunked = headers.containsKey("transfer-encoding");
        boolean announced = headers.containsKey("content-length");
        if (status == 204 || status == 304) {
            // A body where none may be is left unread: the connection cannot be trusted with another exchange.
            return new BodyFraming(Kind.NONE, 0, keepAlive && !chunked && !announced);
        }
        if (chunked) {
            if (!isChunkedOnly(headers.get("transfer-encoding"))) {
                throw new ProtocolException("unsupported transfer coding " + headers.get("transfer-encoding"));
            }
            // Both framings at once is how request smuggling starts: read by the chunks, then close (RFC 9112 6.3).
            return new BodyFraming(Kind.CHUNKED, -1, keepAlive && !announced);
        }
        if (announced) {
            return new BodyFraming(Kind.LENGTH, contentLength(headers.get("content-length"), maxBodyBytes), keepAlive);
        }
        return new BodyFraming(Kind.UNTIL_CLOSE, -1, false);
    }

    private static boolean isChunkedOnly(List<String> codings) {
        return codings.size() == 1 && codings.getFirst().equalsIgnoreCase("chunked");
    }

    private static long contentLength(List<String> values, long maxBodyBytes) throws ProtocolException {
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",")) {
                long parsed = AnswerReader.digits(part.trim());
                if (parsed < 0 || (length >= 0 && parsed != length)) {
                    throw new ProtocolException("invalid Content-Length " + AnswerReader.printable(String.join(", ", values)));
                }
                length = parsed;
            }
        }
        if (length > maxBodyBytes) {
            throw new ProtocolException("the answer announces " + length + " bytes, more than the " + maxBodyBytes + " allowed");
        }
        return length;
    }

    private static boolean hasToken(List<String> values, String token) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
