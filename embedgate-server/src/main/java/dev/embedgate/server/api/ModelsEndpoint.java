package dev.embedgate.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.embedgate.call.Guarded;
import dev.embedgate.chat.ChatRoute;
import dev.embedgate.chat.ChatRoutes;
import dev.embedgate.rerank.RerankRoute;
import dev.embedgate.rerank.RerankRoutes;
import dev.embedgate.embedding.Caller;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.server.routes.ConfiguredModel;
import dev.embedgate.server.routes.RouteCatalog;
import dev.embedgate.server.routes.SupportedDimensions;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code GET /v1/models}: the configured models in OpenAI's list shape, each with its capabilities (embedding, chat,
 * rerank) and what EmbedGate adds (an embedding model's space, aliases and lengths; a chat model's fallback models; a
 * reranking model's local fallback); and {@code GET /v1/models/{id}} (the SDKs' {@code models.retrieve}): one of them,
 * named by its name or an alias. A key limited to some models sees only those, as it may use only those.
 */
final class ModelsEndpoint {

    private final RouteCatalog routes;
    private final ChatRoutes chat;
    private final RerankRoutes rerank;
    private final ApiResponses responses;
    private final long createdEpochSeconds;

    ModelsEndpoint(RouteCatalog routes, ChatRoutes chat, RerankRoutes rerank, ApiResponses responses,
                   long createdEpochSeconds) {
        this.routes = routes;
        this.chat = chat;
        this.rerank = rerank;
        this.responses = responses;
        this.createdEpochSeconds = createdEpochSeconds;
    }

    /** OpenAI's list of models. */
    record ModelList(String object, List<Model> data) {
    }

    /**
     * OpenAI's model object, with what EmbedGate adds: capabilities, aliases, and per capability: an embedding
     * model's dimensions (and the lengths a request may ask for), input limit, space and providers; a chat model's
     * providers and fallback models; a reranking model's providers and whether the local ranker may stand in.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy,
                 List<String> capabilities, List<String> aliases, Integer dimensions,
                 @JsonProperty("supported_dimensions") SupportedDimensions supportedDimensions,
                 @JsonProperty("max_input_tokens") Integer maxInputTokens, String space, List<String> providers,
                 @JsonProperty("fallback_models") List<String> fallbackModels,
                 @JsonProperty("local_fallback") Boolean localFallback) {
    }

    void list(Context ctx) {
        responses.json(ctx, 200, new ModelList("list", visibleTo(ApiKeyAuth.caller(ctx)).toList()));
    }

    /**
     * The model the path names, slashes and all ({@code sentence-transformers/all-MiniLM-L6-v2}); 404 if none, or if
     * the caller's key may not use it.
     */
    void retrieve(Context ctx) {
        String id = ctx.pathParam("id");
        Caller caller = ApiKeyAuth.caller(ctx);
        Model model = all().filter(candidate -> candidate.id().equalsIgnoreCase(id)
                        || candidate.aliases().stream().anyMatch(id::equalsIgnoreCase))
                .filter(candidate -> caller.mayUse(candidate.id(), candidate.aliases()))
                .findFirst()
                .orElseThrow(() -> new ModelNotFoundException(id, visibleTo(caller).map(Model::id).toList()));
        responses.json(ctx, 200, model);
    }

    private Stream<Model> visibleTo(Caller caller) {
        return all().filter(model -> caller.mayUse(model.id(), model.aliases()));
    }

    private Stream<Model> all() {
        return Stream.of(routes.models().stream().map(this::embedding),
                chat.routes().stream().map(this::chat),
                rerank.routes().stream().map(this::rerank)).flatMap(models -> models);
    }

    private Model embedding(ConfiguredModel model) {
        return new Model(model.name(), "model", createdEpochSeconds, "embedgate", List.of("embedding"), model.aliases(),
                model.dimensions(), model.supportedDimensions(), model.maxTokens(), model.space(), model.providers(),
                null, null);
    }

    private Model chat(ChatRoute route) {
        return new Model(route.name(), "model", createdEpochSeconds, "embedgate", List.of("chat"), route.aliases(),
                null, null, null, null, route.providers().stream().map(Guarded::name).toList(), route.fallbackModels(),
                null);
    }

    private Model rerank(RerankRoute route) {
        return new Model(route.name(), "model", createdEpochSeconds, "embedgate", List.of("rerank"), route.aliases(),
                null, null, null, null, route.providers().stream().map(Guarded::name).toList(), null,
                route.localFallback());
    }
}
