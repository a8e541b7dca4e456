package dev.embedgate.server.config;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.KnownRerankModel;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ProviderPlugins;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.rerank.RerankRoute;
import dev.embedgate.rerank.RerankRoutes;
import dev.embedgate.usage.Price;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the reranking models: those of {@code rerank.routes} over {@code rerank.providers}, then every known
 * reranking model of each kind whose credentials are in the environment (by its own name, unless a configured route
 * answers to it), and last the local cosine ranker by itself as {@value RerankConfig#LOCAL_COSINE} (the default
 * when nothing else is configured). Every route built from the environment may fall back to the local ranker. Each provider gets its call path and
 * its price.
 */
final class ConfiguredRerank {

    private static final String SECTION = "rerank.providers";
    private static final Duration ENVIRONMENT_TIMEOUT = Duration.ofSeconds(30);

    private final ProviderPlugins plugins;
    private final ProviderEnvironment environment;
    private final ProviderEndpoints endpoints;
    private final RateLimiters rateLimiters;
    private final CallPaths paths;
    private final LocalCrossEncoders crossEncoders;
    private final Map<String, Price> prices = new LinkedHashMap<>();

    ConfiguredRerank(ProviderPlugins plugins, ProviderEnvironment environment, RateLimiters rateLimiters,
                     CallPaths paths) {
        this.plugins = plugins;
        this.environment = environment;
        this.endpoints = new ProviderEndpoints(plugins, environment);
        this.rateLimiters = rateLimiters;
        this.paths = paths;
        this.crossEncoders = new LocalCrossEncoders(paths, rateLimiters);
    }

    /** @param localRanker whether the local cosine ranker's embedding model is served here */
    RerankRoutes build(RerankConfig config, boolean localRanker) {
        var providers = new DeclaredProviders<RerankProvider>(SECTION, config.providers(),
                provider -> LocalCrossEncoders.KIND.equalsIgnoreCase(provider.kind()) ? crossEncoders.open(provider)
                        : remote(provider));
        try {
            var routes = new ArrayList<RerankRoute>();
            for (RerankConfig.Route route : config.routes()) {
                routes.add(new RerankRoute(route.name(), route.aliases(),
                        providers.named("rerank.routes[" + route.name() + "]", route.providers()),
                        route.localFallback()));
            }
            addEnvironmentModels(routes);
            if (localRanker && routes.stream().noneMatch(route -> route.isNamed(RerankConfig.LOCAL_COSINE))) {
                routes.add(new RerankRoute(RerankConfig.LOCAL_COSINE, List.of(), List.of(), true));
            }
            return new RerankRoutes(routes);
        } catch (IllegalArgumentException e) {
            providers.close();
            throw new ConfigException("rerank.routes: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            providers.close();
            throw e;
        }
    }

    /** The price of every reranking provider built, by provider name. */
    Map<String, Price> prices() {
        return prices;
    }

    private Guarded<RerankProvider> remote(ProviderConfig config) {
        ProviderPlugin plugin = endpoints.plugin(config, SECTION, Capability.RERANK, LocalCrossEncoders.KIND);
        KnownRerankModel known = plugin.knownRerankModels().stream()
                .filter(model -> model.name().equalsIgnoreCase(config.model())).findFirst().orElse(null);
        int perCall = config.limits() != null ? config.limits().maxInputsPerRequest()
                : known != null ? known.maxDocumentsPerCall() : RerankModel.DEFAULT_DOCUMENTS_PER_CALL;
        RerankProvider provider = plugin.rerank(config.name(), new RerankModel(config.model(), perCall),
                endpoints.endpoint(plugin, config, SECTION));
        prices.put(config.name(), new Price(
                config.usdPerMillionTokens() != null ? config.usdPerMillionTokens()
                        : known == null ? BigDecimal.ZERO : known.usdPerMillionTokens(),
                BigDecimal.ZERO,
                config.usdPerRequest().signum() != 0 || known == null ? config.usdPerRequest() : known.usdPerRequest()));
        return paths.guard(provider, config.policy(), rateLimiters.forProvider(config.name(), config.rateLimit(),
                config.backgroundShare()));
    }

    private void addEnvironmentModels(List<RerankRoute> routes) {
        for (ProviderPlugin plugin : environment.withCredentials(plugins)) {
            if (!plugin.capabilities().contains(Capability.RERANK)) {
                continue;
            }
            for (KnownRerankModel model : plugin.knownRerankModels()) {
                if (routes.stream().anyMatch(route -> route.isNamed(model.name()))) {
                    continue;
                }
                String name = plugin.kind() + "/" + model.name();
                RerankProvider provider = plugin.rerank(name, new RerankModel(model.name(),
                        model.maxDocumentsPerCall()), environment.endpoint(plugin, ENVIRONMENT_TIMEOUT));
                prices.put(name, new Price(model.usdPerMillionTokens(), BigDecimal.ZERO, model.usdPerRequest()));
                routes.add(new RerankRoute(model.name(), List.of(), List.of(paths.guard(provider)), true));
            }
        }
    }
}
