package dev.embedgate.testkit.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer as bytes, before it is written.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body        the body
 * @param headers     extra headers
 */
public record WireReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    public WireReply {
        headers = Map.copyOf(headers);
    }

    public static WireReply json(int status, Object body) {
        return new WireReply(status, "application/json", Json.write(body), Map.of());
    }

    public static WireReply text(int status, String contentType, String body) {
        return new WireReply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The HTML page a gateway in front of the provider answers a 502 with. */
    public static WireReply badGatewayPage() {
        return text(502, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n");
    }

    public WireReply withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new WireReply(status, contentType, body, copy);
    }

    /** The same answer cut off half-way: a 200 whose body is not valid JSON. */
    public WireReply cutOff() {
        return new WireReply(status, contentType, Arrays.copyOf(body, Math.max(1, body.length / 2)), headers);
    }
}
