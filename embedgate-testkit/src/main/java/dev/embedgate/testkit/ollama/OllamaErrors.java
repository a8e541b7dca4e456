package dev.embedgate.testkit.ollama;

import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.vectors.ModelCatalog;
import dev.embedgate.testkit.vectors.ServedModel;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import java.util.Map;

/** Ollama's errors, {@code {"error": "..."}}, and its model lookup (404 "try pulling it first"). */
final class OllamaErrors {

    private OllamaErrors() {
    }

    static WireReply error(int status, String message) {
        return WireReply.json(status, Map.of("error", message));
    }

    static ServedModel model(String name) {
        if (name == null || name.isBlank()) {
            throw new WireError(error(400, "model is required"));
        }
        return ModelCatalog.find(Route.OLLAMA, name).orElseThrow(() -> new WireError(
                error(404, "model \"" + name + "\" not found, try pulling it first")));
    }

    static WireReply failure(int status) {
        return switch (status) {
            case 500 -> error(500, "llama runner process has terminated: exit status 2");
            case 503 -> error(503, "server busy, please try again.  maximum pending requests exceeded");
            default -> error(status, "The simulator was told to answer " + status + " to this request.");
        };
    }

    static WireReply rateLimited(RateLimitVerdict verdict) {
        return error(429, "too many requests" + (verdict.limitKnown() ? ": limit of " + verdict.limit() + " "
                + verdict.limitType() + " per minute reached" : "")).withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }

    static WireReply inputTooLong() {
        return error(400, "the input length exceeds the context length");
    }
}
