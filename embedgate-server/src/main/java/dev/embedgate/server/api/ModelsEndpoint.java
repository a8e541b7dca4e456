package dev.embedgate.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.embedgate.embedding.Caller;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.server.routes.ConfiguredModel;
import dev.embedgate.server.routes.RouteCatalog;
import dev.embedgate.server.routes.SupportedDimensions;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code GET /v1/models}: the configured models in OpenAI's list shape, with their space and aliases; and
 * {@code GET /v1/models/{id}} (the SDKs' {@code models.retrieve}): one of them, named by its name or an alias. A key
 * limited to some models sees only those, as it may use only those.
 */
final class ModelsEndpoint {

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

    void list(Context ctx) {
        responses.json(ctx, 200, new ModelList("list", visibleTo(ApiKeyAuth.caller(ctx)).map(this::describe).toList()));
    }

    /**
     * The model the path names, slashes and all ({@code sentence-transformers/all-MiniLM-L6-v2}); 404 if none, or if
     * the caller's key may not use it.
     */
    void retrieve(Context ctx) {
        String id = ctx.pathParam("id");
        Caller caller = ApiKeyAuth.caller(ctx);
        ConfiguredModel model;
        try {
            model = routes.model(id);
        } catch (ModelNotFoundException unknown) {
            if (caller.allowedModels().isEmpty()) {
                throw unknown;
            }
            model = null; // refused below, naming only the models this key may use
        }
        if (model == null || !caller.mayUse(model.name(), model.aliases())) {
            throw new ModelNotFoundException(id, visibleTo(caller).map(ConfiguredModel::name).toList());
        }
        responses.json(ctx, 200, describe(model));
    }

    private Stream<ConfiguredModel> visibleTo(Caller caller) {
        return routes.models().stream().filter(model -> caller.mayUse(model.name(), model.aliases()));
    }

    private Model describe(ConfiguredModel model) {
        return new Model(model.name(), "model", createdEpochSeconds, "embedgate", model.aliases(), model.dimensions(),
                model.supportedDimensions(), model.maxTokens(), model.space(), model.providers());
    }
}
