package dev.embedgate.server.api;

import dev.embedgate.error.BudgetExceededException;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.ModelNotAllowedException;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RateLimitedException;
import dev.embedgate.error.UsageNotRecordedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * An error as OpenAI writes it: {@code {"error": {"message", "type", "param", "code"}}} with its HTTP status, and
 * for a 429 how many seconds to wait ({@code Retry-After}). {@link #from} is the one place where failures become
 * statuses.
 */
record ApiError(int status, String message, String type, String param, String code, long retryAfterSeconds) {

    static final String INVALID_REQUEST = "invalid_request_error";
    private static final String RATE_LIMIT = "rate_limit_error";

    ApiError(int status, String message, String type, String param, String code) {
        this(status, message, type, param, code, status == 429 ? 1 : 0);
    }

    static ApiError from(EmbedGateException failure) {
        return switch (failure) {
            case InvalidRequestException e -> new ApiError(400, e.getMessage(), INVALID_REQUEST, e.param(), e.code());
            case ModelNotFoundException e -> new ApiError(404, e.getMessage(), INVALID_REQUEST, "model", "model_not_found");
            case OverloadedException e -> new ApiError(429, e.getMessage(), RATE_LIMIT, null, "overloaded");
            case RateLimitedException e -> new ApiError(429, e.getMessage(), RATE_LIMIT, null, "rate_limit_exceeded",
                    Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
            case ProviderFailureException e -> new ApiError(502, e.getMessage(), "api_error", null, "provider_failed");
            case ModelNotAllowedException e -> new ApiError(403, e.getMessage(), "permission_error", "model",
                    "model_not_allowed");
            case BudgetExceededException e -> new ApiError(429, e.getMessage(), "insufficient_quota", null,
                    "budget_exceeded", Math.max(1, e.untilReset().toSeconds()));
            case UsageNotRecordedException e -> new ApiError(503, e.getMessage(), "api_error", null,
                    "usage_not_recorded", 1);
        };
    }

    static ApiError invalidRequest(int status, String message, String code) {
        return new ApiError(status, message, INVALID_REQUEST, null, code);
    }

    /** Javalin's own refusals (unknown route, wrong method, ...), reworded to say what is served. */
    static ApiError http(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> invalidRequest(404, "no route " + ctx.method() + " " + ctx.path() + "; EmbedGate serves "
                    + "POST /v1/embeddings, GET /v1/models, GET /health, /ready, /status and /metrics, and GET or DELETE "
                    + "/admin/cache", "not_found");
            case 405 -> invalidRequest(405, "method " + ctx.method() + " is not allowed on " + ctx.path(),
                    "method_not_allowed");
            default -> invalidRequest(e.getStatus(), e.getMessage(), "http_" + e.getStatus());
        };
    }

    static ApiError internal() {
        return new ApiError(500, "EmbedGate failed on this request; the server log has the details", "server_error",
                null, "internal_error");
    }
}
