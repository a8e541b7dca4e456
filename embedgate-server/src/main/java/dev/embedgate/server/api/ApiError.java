package dev.embedgate.server.api;

import dev.embedgate.error.BudgetExceededException;
import dev.embedgate.error.ConflictException;
import dev.embedgate.error.NotFoundException;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.error.ModelNotAllowedException;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.error.OverloadedException;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RateLimitedException;
import dev.embedgate.error.RequestCancelledException;
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
    static final String PERMISSION = "permission_error";
    private static final String RATE_LIMIT = "rate_limit_error";
    static final int CLIENT_CLOSED_REQUEST = 499;

    ApiError(int status, String message, String type, String param, String code) {
        this(status, message, type, param, code, status == 429 ? 1 : 0);
    }

    static ApiError from(EmbedGateException failure) {
        return switch (failure) {
            case InvalidRequestException e -> new ApiError(400, e.getMessage(), INVALID_REQUEST, e.param(), e.code());
            case ModelNotFoundException e -> new ApiError(404, e.getMessage(), INVALID_REQUEST, "model", "model_not_found");
            case OverloadedException e -> new ApiError(429, e.getMessage(), RATE_LIMIT, null, "overloaded",
                    Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
            // nginx's "client closed request": nobody reads it, but metrics and logs tell it from a server fault.
            case RequestCancelledException e -> new ApiError(CLIENT_CLOSED_REQUEST, e.getMessage(), INVALID_REQUEST, null,
                    "client_closed_request");
            case RateLimitedException e -> new ApiError(429, e.getMessage(), RATE_LIMIT, null, "rate_limit_exceeded",
                    Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
            case ProviderFailureException e -> new ApiError(502, e.getMessage(), "api_error", null, "provider_failed");
            case ModelNotAllowedException e -> new ApiError(403, e.getMessage(), PERMISSION, "model",
                    "model_not_allowed");
            case BudgetExceededException e -> new ApiError(429, e.getMessage(), "insufficient_quota", null,
                    "budget_exceeded", Math.max(1, e.untilReset().toSeconds()));
            case ConflictException e -> new ApiError(409, e.getMessage(), INVALID_REQUEST, null, e.code());
            case NotFoundException e -> new ApiError(404, e.getMessage(), INVALID_REQUEST, null, e.code());
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
                    + "POST /v1/embeddings, POST /v1/chat/completions, POST /v1/rerank (also /v2/rerank, and TEI's /rerank), "
                    + "GET /v1/models and /v1/models/{id}, the memory (POST /v1/memories, "
                    + "/v1/memories/search and /v1/memories/delete, GET, PATCH or DELETE /v1/memories/{id}, GET "
                    + "/v1/spaces), migrations (POST or GET /v1/migrations, GET /v1/migrations/{id}, POST "
                    + "/v1/migrations/{id}/pause|resume|cancel|verify|cutover|rollback, POST /v1/spaces/drop), GET /health, /ready, /status and /metrics, and GET or DELETE /admin/cache",
                    "not_found");
            case 405 -> invalidRequest(405, "method " + ctx.method() + " is not allowed on " + ctx.path(),
                    "method_not_allowed");
            default -> invalidRequest(e.getStatus(), e.getMessage(), "http_" + e.getStatus());
        };
    }

    /** A body over the size limit; {@code decoded}: it was small on the wire but not once decompressed. */
    static ApiError tooLarge(long maxRequestBytes, boolean decoded) {
        return invalidRequest(413, "the request body" + (decoded ? ", decompressed," : "") + " is larger than the "
                + maxRequestBytes + " bytes this server accepts; send fewer or shorter inputs per request",
                "request_too_large");
    }

    /** @param contentType the request's Content-Type, or null when it had none */
    static ApiError notJson(String contentType) {
        return invalidRequest(415, "the request body must be JSON sent with 'Content-Type: application/json' (UTF-8), "
                + (contentType == null ? "and the request had no Content-Type" : "not '" + contentType + "'"),
                "unsupported_media_type");
    }

    static ApiError unsupportedEncoding(String contentEncoding) {
        return invalidRequest(415, "Content-Encoding '" + contentEncoding + "' is not supported; send the body as is, or "
                + "compressed with one of gzip or deflate", "unsupported_content_encoding");
    }

    static ApiError undecodable(String contentEncoding) {
        return invalidRequest(400, "the request body is not valid " + contentEncoding + " data, as its Content-Encoding "
                + "says it is", "invalid_content_encoding");
    }

    /** The body's HTTP framing broke while it was read: a malformed chunk, or fewer bytes than Content-Length. */
    static ApiError brokenBody() {
        return invalidRequest(400, "the request body could not be read: its chunked encoding is malformed or it ended "
                + "before its Content-Length", "malformed_body");
    }

    /** A request Jetty refused before any route ran, with Jetty's reason when it says more than the status. */
    static ApiError protocol(int status, String reason) {
        String detail = reason == null ? "" : " (" + reason + ")";
        return switch (status) {
            case 400 -> invalidRequest(400, "the request is not valid HTTP/1.1" + detail, "bad_request");
            case 413 -> invalidRequest(413, "the request is larger than this server accepts" + detail,
                    "request_too_large");
            case 414 -> invalidRequest(414, "the request URI is longer than this server accepts", "uri_too_long");
            case 417 -> invalidRequest(417, "the only expectation this server meets is 'Expect: 100-continue'",
                    "expectation_failed");
            case 431 -> invalidRequest(431, "the request's headers are larger than this server accepts",
                    "headers_too_large");
            case 505 -> invalidRequest(505, "the HTTP version is not supported; this server speaks HTTP/1.1 and "
                    + "HTTP/1.0", "http_version_not_supported");
            // The only 503 Jetty answers itself: a request on an open connection while the server stops.
            case 503 -> new ApiError(503, "the server is stopping and takes no new requests; send this one again "
                    + "(to another instance, or to this one once it is back)", "server_error", null, "shutting_down");
            default -> status >= 500
                    ? new ApiError(status, "the server could not serve this request (HTTP status " + status + ")"
                            + detail, "server_error", null, "http_" + status)
                    : invalidRequest(status, "the request was refused with HTTP status " + status + detail,
                            "http_" + status);
        };
    }

    static ApiError internal() {
        return new ApiError(500, "EmbedGate failed on this request; the server log has the details", "server_error",
                null, "internal_error");
    }
}
