package dev.embedgate.embedding;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;

/**
 * The embedding pipeline behind every entry point (HTTP, CLI, Java): resolve the model to its route, validate
 * the inputs, call the provider, validate its answer, and return vectors in input order with the space and
 * provider that served them. Thread-safe.
 */
public final class EmbeddingService {

    private final ModelRegistry registry;
    private final RequestValidator requestValidator;
    private final ResponseValidator responseValidator = new ResponseValidator();

    public EmbeddingService(ModelRegistry registry, EmbeddingLimits limits) {
        this.registry = registry;
        this.requestValidator = new RequestValidator(limits);
    }

    public EmbeddingService(ModelRegistry registry) {
        this(registry, EmbeddingLimits.DEFAULT);
    }

    /**
     * @throws dev.embedgate.error.InvalidRequestException  on input the model cannot take
     * @throws dev.embedgate.error.ModelNotFoundException   on an unknown model name
     * @throws dev.embedgate.error.OverloadedException      when the provider's queue is full
     * @throws dev.embedgate.error.ProviderFailureException when no valid vectors could be had
     */
    public Embeddings embed(EmbeddingRequest request) {
        ModelRoute route = request.model() == null ? registry.defaultRoute() : registry.resolve(request.model());
        requestValidator.validate(request, route.name(), route.space());
        EmbeddingProvider provider = route.primary();
        ProviderResponse response = provider.embed(
                new ProviderRequest(request.inputs(), request.inputType(), request.truncate()));
        responseValidator.validate(response, request.inputs().size(), provider);
        return new Embeddings(response.vectors(), route.name(), provider.space(), provider.name(),
                response.promptTokens(), response.truncatedIndexes());
    }

    public ModelRegistry registry() {
        return registry;
    }
}
