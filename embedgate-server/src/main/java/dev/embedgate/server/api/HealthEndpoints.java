package dev.embedgate.server.api;

import dev.embedgate.server.status.Readiness;
import dev.embedgate.server.status.ReadinessService;
import dev.embedgate.server.status.StatusService;
import io.javalin.http.Context;

/**
 * {@code GET /health} (the process is alive), {@code GET /ready} (200 when the default model can be served and
 * the store and shared cache answer, else 503) and {@code GET /status} (everything, as JSON: an operator's route,
 * since it shows upstream addresses, provider messages and the database's path).
 */
final class HealthEndpoints {

    private static final Alive ALIVE = new Alive("ok");

    private final ReadinessService readiness;
    private final StatusService status;
    private final ApiResponses responses;

    HealthEndpoints(ReadinessService readiness, StatusService status, ApiResponses responses) {
        this.readiness = readiness;
        this.status = status;
        this.responses = responses;
    }

    /** What {@code /health} answers: the process serves requests. */
    record Alive(String status) {
    }

    void health(Context ctx) {
        responses.json(ctx, 200, ALIVE);
    }

    void ready(Context ctx) {
        Readiness checked = readiness.readiness();
        responses.json(ctx, checked.ready() ? 200 : 503, checked);
    }

    void status(Context ctx) {
        responses.json(ctx, 200, status.status());
    }
}
