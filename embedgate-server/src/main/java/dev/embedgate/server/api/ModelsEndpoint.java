package dev.embedgate.server.api;

import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models}: the configured models in OpenAI's list shape, with their space and aliases. */
final class ModelsEndpoint implements Handler {

    private final ModelRegistry registry;
    private final ApiResponses responses;
    private final long createdEpochSeconds;

    ModelsEndpoint(ModelRegistry registry, ApiResponses responses, long createdEpochSeconds) {
        this.registry = registry;
        this.responses = responses;
        this.createdEpochSeconds = createdEpochSeconds;
    }

    @Override
    public void handle(Context ctx) {
        List<Map<String, Object>> data = registry.routes().stream().map(this::describe).toList();
        responses.json(ctx, 200, Map.of("object", "list", "data", data));
    }

    private Map<String, Object> describe(ModelRoute route) {
        var model = new LinkedHashMap<String, Object>();
        model.put("id", route.name());
        model.put("object", "model");
        model.put("created", createdEpochSeconds);
        model.put("owned_by", "embedgate");
        model.put("aliases", route.aliases());
        model.put("dimensions", route.space().dimensions());
        model.put("max_input_tokens", route.space().maxTokens());
        model.put("space", route.space().id());
        model.put("providers", route.providers().stream().map(p -> p.name()).toList());
        return model;
    }
}
