package dev.embedgate.provider.http.blocking;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The request line and header section of a POST, as bytes; header names and values are checked first. */
final class RequestHead {

    /** Headers this client writes itself. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-connection");

    private RequestHead() {
    }

    /**
     * @param absoluteForm whether the request goes to a plain-HTTP proxy, which wants the whole URL as its target
     * @param headers      checked by {@link #check}
     */
    static byte[] post(URI uri, Origin origin, boolean absoluteForm, Map<String, String> headers, int bodyBytes) {
        StringBuilder head = new StringBuilder(256);
        head.append("POST ");
        if (absoluteForm) {
            head.append("http://").append(origin.authority(false));
        }
        String path = uri.getRawPath();
        head.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(origin.authority(false)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(bodyBytes).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * @throws IllegalArgumentException for a header name or value that is not allowed (a line break would let a
     *                                  value inject headers of its own)
     */
    static void check(Map<String, String> headers) {
        headers.forEach(RequestHead::check);
    }

    private static void check(String name, String value) {
        if (name.isEmpty() || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header '" + name + "' cannot be set by the caller");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("header name '" + name + "' has a character not allowed in names");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
                // The value is not repeated: it may be a credential.
                throw new IllegalArgumentException("the value of header '" + name + "' has a character not allowed in"
                        + " header values (a line break or another control character, or one beyond Latin-1)");
            }
        }
    }
}
