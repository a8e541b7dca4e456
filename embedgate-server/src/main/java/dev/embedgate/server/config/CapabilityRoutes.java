package dev.embedgate.server.config;

import dev.embedgate.call.CallPaths;
import dev.embedgate.chat.ChatRoute;
import dev.embedgate.chat.ChatRoutes;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderPlugins;
import dev.embedgate.rerank.CosineRanker;
import dev.embedgate.rerank.RerankRoute;
import dev.embedgate.rerank.RerankRoutes;
import dev.embedgate.usage.Price;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chat and reranking models, built beside the embedding routes from the same plug-ins, environment, call paths
 * and rate limiters, with their providers' prices for the ledger.
 *
 * @param chat   the chat models
 * @param rerank the reranking models
 * @param prices every chat and reranking provider's price, by provider name
 */
record CapabilityRoutes(ChatRoutes chat, RerankRoutes rerank, Map<String, Price> prices) implements AutoCloseable {

    static CapabilityRoutes build(GatewayConfig config, ProviderEnvironment environment, CallPaths paths,
                                  RateLimiters rateLimiters, ModelRegistry embeddings) {
        requireUniqueNames(config);
        ProviderPlugins plugins = ProviderPlugins.discovered();
        var chatBuilder = new ConfiguredChat(plugins, environment, rateLimiters, paths);
        ChatRoutes chat = chatBuilder.build(config.chat());
        var rerankBuilder = new ConfiguredRerank(plugins, environment, rateLimiters, paths);
        RerankRoutes rerank;
        try {
            rerank = rerankBuilder.build(config.rerank(), served(embeddings, config.rerank().localModel()).isPresent());
        } catch (RuntimeException e) {
            chat.close();
            throw e;
        }
        var prices = new HashMap<String, Price>(chatBuilder.prices());
        prices.putAll(rerankBuilder.prices());
        return new CapabilityRoutes(chat, rerank, Map.copyOf(prices));
    }

    /**
     * A provider's name keys its call path (breaker, limits, failures in status) and its price: one name, one
     * provider, across every section.
     */
    private static void requireUniqueNames(GatewayConfig config) {
        var sections = new HashMap<String, String>();
        config.providers().forEach(provider -> sections.put(provider.name(), "providers"));
        for (var section : Map.of("chat.providers", config.chat().providers(), "rerank.providers",
                config.rerank().providers()).entrySet()) {
            for (ProviderConfig provider : section.getValue()) {
                String earlier = sections.putIfAbsent(provider.name(), section.getKey());
                if (earlier != null && !earlier.equals(section.getKey())) {
                    throw new ConfigException(section.getKey() + ": the name '" + provider.name()
                            + "' is also used under " + earlier + "; every provider needs a name of its own");
                }
            }
        }
    }

    /** Every chat and reranking provider's name. */
    Stream<String> providerNames() {
        return Stream.concat(
                chat.routes().stream().flatMap(route -> route.providers().stream()).map(provider -> provider.name()),
                rerank.routes().stream().flatMap(route -> route.providers().stream()).map(provider -> provider.name()))
                .distinct();
    }

    /** The canonical name of a chat or reranking model, if {@code name} is one. */
    Optional<String> modelNamed(String name) {
        return chat.routes().stream().filter(route -> route.isNamed(name)).map(ChatRoute::name).findFirst()
                .or(() -> rerank.routes().stream().filter(route -> route.isNamed(name)).map(RerankRoute::name)
                        .findFirst());
    }

    /** The local cosine ranker, when its embedding model is served here. */
    static Optional<CosineRanker> cosineRanker(EmbeddingService embeddings, RerankConfig config) {
        return served(embeddings.registry(), config.localModel()).map(model -> new CosineRanker(embeddings, model));
    }

    /** The canonical name of the embedding model, if it is served here. */
    private static Optional<String> served(ModelRegistry embeddings, String model) {
        try {
            return Optional.of(embeddings.resolve(model).name());
        } catch (ModelNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        chat.close();
        rerank.close();
    }
}
