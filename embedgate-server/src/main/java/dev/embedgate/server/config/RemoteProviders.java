package dev.embedgate.server.config;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.ResiliencePolicy;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderKind;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.cohere.CohereProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.huggingface.HuggingFaceOptions;
import dev.embedgate.provider.huggingface.HuggingFaceProvider;
import dev.embedgate.provider.ollama.OllamaProvider;
import dev.embedgate.provider.openai.OpenAiOptions;
import dev.embedgate.provider.openai.OpenAiProvider;
import dev.embedgate.provider.tei.TeiProvider;

/** Builds a remote provider of a kind, behind its call path: rate limit, retries, circuit breaker and deadline. */
final class RemoteProviders {

    private RemoteProviders() {
    }

    /** A provider named by its kind and model ({@code openai/text-embedding-3-small}). */
    static Guarded<EmbeddingProvider> resilient(ProviderKind kind, RemoteModel model, RemoteEndpoint endpoint,
                                                ResiliencePolicy policy, ProviderRateLimiter limiter, CallPaths paths) {
        return resilient(kind.configName() + "/" + model.wireName(), kind, model, endpoint, policy, limiter, paths);
    }

    /**
     * @param name how answers, status, metrics and the usage ledger name the provider (a configured provider's
     *             own name, so that two providers of one model stay apart)
     */
    static Guarded<EmbeddingProvider> resilient(String name, ProviderKind kind, RemoteModel model,
                                                RemoteEndpoint endpoint, ResiliencePolicy policy,
                                                ProviderRateLimiter limiter, CallPaths paths) {
        EmbeddingProvider provider = switch (kind) {
            case OPENAI -> new OpenAiProvider(name, model, endpoint, OpenAiOptions.DEFAULT);
            case HUGGINGFACE -> new HuggingFaceProvider(name, model, endpoint, HuggingFaceOptions.DEFAULT);
            case TEI -> new TeiProvider(name, model, endpoint);
            case COHERE -> new CohereProvider(name, model, endpoint);
            case OLLAMA -> new OllamaProvider(name, model, endpoint);
            case LOCAL, HASH -> throw new IllegalArgumentException(kind.configName() + " is not a remote provider");
        };
        return paths.guard(provider, policy, limiter);
    }
}
