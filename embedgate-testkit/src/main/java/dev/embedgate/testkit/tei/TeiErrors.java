package dev.embedgate.testkit.tei;

import dev.embedgate.testkit.wire.WireReply;
import java.util.LinkedHashMap;

/**
 * TEI's errors, {@code {"error": "...", "error_type": "Validation" | "Tokenizer" | "Overloaded" | "Backend" |
 * "Unhealthy"}}, and the statuses TEI maps them to (413, 422, 429, 500, 503).
 */
final class TeiErrors {

    static final int MAX_CLIENT_BATCH_SIZE = 32;

    private TeiErrors() {
    }

    static WireReply reply(int status, String message, String errorType) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", message);
        body.put("error_type", errorType);
        return WireReply.json(status, body);
    }

    static WireReply validation(String detail) {
        return reply(413, "Input validation error: " + detail, "Validation");
    }

    static WireReply failure(int status) {
        return switch (status) {
            case 503 -> reply(503, "unhealthy", "Unhealthy");
            case 429 -> reply(429, "Model is overloaded", "Overloaded");
            default -> status >= 500
                    ? reply(status, "The simulator was told to answer " + status + " to this request.", "Backend")
                    : reply(status, "The simulator was told to answer " + status + " to this request.", "Validation");
        };
    }

    /** axum's plain-text refusal of a body that does not fit the request type. */
    static WireReply unprocessable(String detail) {
        return WireReply.text(422, "text/plain; charset=utf-8",
                "Failed to deserialize the JSON body into the target type: " + detail);
    }
}
