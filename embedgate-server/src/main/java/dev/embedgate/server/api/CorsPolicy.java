package dev.embedgate.server.api;

import dev.embedgate.server.config.CorsConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * CORS for the origins {@link CorsConfig} lists, before anything else: a listed origin's preflight is answered
 * here (204, before authentication, since browsers send no credentials with one) and its other answers carry
 * {@code Access-Control-Allow-Origin} and the headers its page may read. Any other origin gets no CORS header, so
 * its browser keeps its page from reading answers and from sending JSON at all. Only built when CORS is on.
 */
final class CorsPolicy {

    private static final String ALLOWED_METHODS = "GET, POST, DELETE";
    private static final String EXPOSED_HEADERS = "Retry-After, X-EmbedGate-Model, X-EmbedGate-Space, "
            + "X-EmbedGate-Provider, X-EmbedGate-Degraded, X-EmbedGate-Truncated-Inputs, X-EmbedGate-Stale, "
            + "X-EmbedGate-Stale-Inputs, X-EmbedGate-Cache, X-EmbedGate-Upstream-Ms, X-EmbedGate-Total-Ms";
    /** How long a browser may reuse a preflight's answer. */
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private final Set<String> allowedOrigins;

    CorsPolicy(CorsConfig config) {
        this.allowedOrigins = Set.copyOf(config.allowedOrigins());
    }

    void apply(Context ctx) {
        // The answer depends on the Origin, whichever it is: a cache must not serve one origin's answer to another.
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (origin == null || !allowedOrigins.contains(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        if (!isPreflight(ctx)) {
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            return;
        }
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        String requestedHeaders = ctx.header("Access-Control-Request-Headers");
        if (requestedHeaders != null) {
            // A trusted origin may send what its client library needs (OpenAI's SDKs add headers of their own).
            ctx.header("Access-Control-Allow-Headers", requestedHeaders);
        }
        ctx.header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
        ctx.status(204);
        ctx.skipRemainingHandlers();
    }

    private static boolean isPreflight(Context ctx) {
        return ctx.method().name().equals("OPTIONS") && ctx.header("Access-Control-Request-Method") != null;
    }
}
