package dev.embedgate.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.embedgate.server.routes.ConfiguredModel;
import dev.embedgate.server.routes.RouteCatalog;
import dev.embedgate.server.routes.SupportedDimensions;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/** {@code GET /v1/models}: the configured models in OpenAI's list shape, with their space and aliases. */
final class ModelsEndpoint implements Handler {

    private final RouteCatalog routes;
    private final ApiResponses responses;
    private final long createdEpochSeconds;

    ModelsEndpoint(RouteCatalog routes, ApiResponses responses, long createdEpochSeconds) {
        this.routes = routes;
        this.responses = responses;
        this.createdEpochSeconds = createdEpochSeconds;
    }

    /** OpenAI's list of models. */
    record ModelList(String object, List<Model> data) {
    }

    /**
     * OpenAI's model object, with what EmbedGate adds: aliases, dimensions (and the lengths a request may ask for),
     * input limit, space and providers.
     */
    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy,
                         List<String> aliases, int dimensions,
                         @JsonProperty("supported_dimensions") SupportedDimensions supportedDimensions,
                         @JsonProperty("max_input_tokens") int maxInputTokens, String space, List<String> providers) {
    }

    @Override
    public void handle(Context ctx) {
        responses.json(ctx, 200, new ModelList("list", routes.models().stream().map(this::describe).toList()));
    }

    private Model describe(ConfiguredModel model) {
        return new Model(model.name(), "model", createdEpochSeconds, "embedgate", model.aliases(), model.dimensions(),
                model.supportedDimensions(), model.maxTokens(), model.space(), model.providers());
    }
}
