package dev.embedgate.server.api;

import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health} (the process is alive) and {@code GET /ready} (the default model is loaded). */
final class HealthEndpoints {

    private final ModelRegistry registry;
    private final ApiResponses responses;

    HealthEndpoints(ModelRegistry registry, ApiResponses responses) {
        this.registry = registry;
        this.responses = responses;
    }

    void health(Context ctx) {
        responses.json(ctx, 200, Map.of("status", "ok"));
    }

    void ready(Context ctx) {
        ModelRoute defaultRoute = registry.defaultRoute();
        boolean ready = defaultRoute.primary().ready();
        var models = new LinkedHashMap<String, String>();
        for (ModelRoute route : registry.routes()) {
            models.put(route.name(), route.primary().ready() ? "loaded" : "loads on first use");
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", ready ? "ready" : "loading");
        body.put("default_model", defaultRoute.name());
        body.put("models", models);
        responses.json(ctx, ready ? 200 : 503, body);
    }
}
