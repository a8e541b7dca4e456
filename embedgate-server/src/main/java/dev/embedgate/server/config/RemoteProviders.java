package dev.embedgate.server.config;

import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderKind;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.cohere.CohereProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.huggingface.HuggingFaceProvider;
import dev.embedgate.provider.ollama.OllamaProvider;
import dev.embedgate.provider.openai.OpenAiProvider;
import dev.embedgate.provider.tei.TeiProvider;
import dev.embedgate.resilience.ResiliencePolicy;
import dev.embedgate.resilience.ResilientProvider;

/** Builds a remote provider of a kind, behind its rate limit, retries and circuit breaker. */
final class RemoteProviders {

    private RemoteProviders() {
    }

    static EmbeddingProvider resilient(ProviderKind kind, RemoteModel model, RemoteEndpoint endpoint,
                                       ResiliencePolicy policy, ProviderRateLimiter limiter) {
        EmbeddingProvider provider = switch (kind) {
            case OPENAI -> new OpenAiProvider(model, endpoint);
            case HUGGINGFACE -> new HuggingFaceProvider(model, endpoint);
            case TEI -> new TeiProvider(model, endpoint);
            case COHERE -> new CohereProvider(model, endpoint);
            case OLLAMA -> new OllamaProvider(model, endpoint);
            case LOCAL, HASH -> throw new IllegalArgumentException(kind.configName() + " is not a remote provider");
        };
        return new ResilientProvider(provider, policy, limiter);
    }
}
