package dev.embedgate.server.api;

import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /health} (the process is alive), {@code GET /ready} (200 when the default model can be served and
 * the store and shared cache answer, else 503) and {@code GET /status} (everything, as JSON).
 */
final class HealthEndpoints {

    private final GatewayStatus status;
    private final ApiResponses responses;

    HealthEndpoints(GatewayStatus status, ApiResponses responses) {
        this.status = status;
        this.responses = responses;
    }

    void health(Context ctx) {
        responses.json(ctx, 200, Map.of("status", "ok"));
    }

    void ready(Context ctx) {
        Map<String, Object> readiness = status.readiness();
        responses.json(ctx, GatewayStatus.ready(readiness) ? 200 : 503, readiness);
    }

    void status(Context ctx) {
        responses.json(ctx, 200, status.status());
    }
}
