package dev.embedgate.testkit.openai;

import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import java.util.LinkedHashMap;
import java.util.Map;

/** OpenAI's error shape: {@code {"error": {"message", "type", "param", "code"}}}. */
public final class OpenAiErrors {

    public static final String INVALID_REQUEST = "invalid_request_error";

    private OpenAiErrors() {
    }

    public static WireReply reply(int status, String message, String type, String param, String code) {
        var error = new LinkedHashMap<String, Object>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return WireReply.json(status, Map.of("error", error));
    }

    public static WireError invalid(String message, String param, String code) {
        return new WireError(reply(400, message, INVALID_REQUEST, param, code));
    }

    /** 500, 502 and 503 as OpenAI (and the gateway in front of it) answer them; other statuses get a plain error. */
    public static WireReply failure(int status) {
        return switch (status) {
            case 500 -> reply(500, "The server had an error while processing your request. Sorry about that!",
                    "server_error", null, null);
            case 502 -> WireReply.badGatewayPage();
            case 503 -> reply(503, "The server is overloaded or not ready yet.", "server_error", null, null);
            default -> reply(status, "The simulator was told to answer " + status + " to this request.",
                    status >= 500 ? "server_error" : INVALID_REQUEST, null, null);
        };
    }
}
