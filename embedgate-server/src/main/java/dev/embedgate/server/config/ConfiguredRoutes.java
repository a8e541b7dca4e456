package dev.embedgate.server.config;

import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ProviderSelection;
import dev.embedgate.provider.ProviderPlugins;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.provider.hash.HashProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the providers and routes declared under {@code providers} and {@code routes}. */
final class ConfiguredRoutes {

    /** Per-call limits assumed for a model the catalog does not know. */
    private static final ProviderLimits UNKNOWN_MODEL_LIMITS = new ProviderLimits(64, 8192, 100_000);

    private final RateLimiters rateLimiters;
    private final CallPaths paths;
    /** EmbedGate's own kinds, beside the plug-ins: an in-process model configured under models, the hash fallback. */
    private static final String LOCAL = ProviderSelection.LOCAL;
    private static final String HASH = "hash";

    private final ProviderEndpoints endpoints;
    private final RemoteModelCatalog catalog;

    ConfiguredRoutes(ProviderPlugins plugins, ProviderEnvironment environment, RateLimiters rateLimiters,
                     CallPaths paths) {
        this.endpoints = new ProviderEndpoints(plugins, environment);
        this.catalog = plugins.catalog();
        this.paths = paths;
        this.rateLimiters = rateLimiters;
    }

    /** The configured routes; their providers of kind {@code local} name models of {@code localRoutes}. */
    List<ModelRoute> build(GatewayConfig config, List<ModelRoute> localRoutes) {
        Map<String, Guarded<EmbeddingProvider>> providers = new LinkedHashMap<>();
        for (ProviderConfig provider : config.providers()) {
            if (providers.containsKey(provider.name())) {
                throw new ConfigException("providers: the name '" + provider.name() + "' is used twice");
            }
            providers.put(provider.name(), build(provider, localRoutes));
        }
        var routes = new ArrayList<ModelRoute>();
        for (RouteConfig route : config.routes()) {
            try {
                routes.add(new ModelRoute(route.name(), route.aliases(), named(route.providers(), providers, route),
                        named(route.fallback(), providers, route)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("routes[" + route.name() + "]: " + e.getMessage(), e);
            }
        }
        return routes;
    }

    private static List<Guarded<EmbeddingProvider>> named(List<String> names,
                                                          Map<String, Guarded<EmbeddingProvider>> providers,
                                                          RouteConfig route) {
        var found = new ArrayList<Guarded<EmbeddingProvider>>();
        for (String name : names) {
            Guarded<EmbeddingProvider> provider = providers.get(name);
            if (provider == null) {
                throw new ConfigException("routes[" + route.name() + "] names provider '" + name
                        + "', which is not declared under providers; declared: " + providers.keySet());
            }
            found.add(provider);
        }
        return found;
    }

    /** A provider of a plug-in's kind, or one of EmbedGate's own: a configured local model, the hash fallback. */
    private Guarded<EmbeddingProvider> build(ProviderConfig config, List<ModelRoute> localRoutes) {
        String kind = config.kind().strip().toLowerCase(Locale.ROOT);
        if (kind.equals(LOCAL) || kind.equals(HASH)) {
            refuseCallSettings(config, kind);
        }
        return switch (kind) {
            case LOCAL -> localRoutes.stream()
                    .filter(route -> route.name().equals(config.model()) || route.aliases().contains(config.model()))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("providers[" + config.name() + "].model: no local model '"
                            + config.model() + "' is configured"))
                    .primary();
            case HASH -> paths.guard(HashProvider.degradedFallback(require(config.dimensions(), config, "dimensions")));
            default -> {
                ProviderPlugin plugin = plugin(config);
                yield paths.guard(plugin.embedding(config.name(), remoteModel(plugin, config), endpoint(plugin, config)),
                        config.policy(), rateLimiters.forProvider(config.name(), config.rateLimit(),
                                config.backgroundShare()));
            }
        };
    }

    private ProviderPlugin plugin(ProviderConfig config) {
        return endpoints.plugin(config, "providers", Capability.EMBEDDING, LOCAL + " or " + HASH);
    }

    /**
     * A local model or the hash fallback is not reached through a configured call: it keeps the call path it was
     * made with (local models: the one under {@code models}), so settings of a remote call would silently do
     * nothing. They are refused instead.
     */
    private static void refuseCallSettings(ProviderConfig config, String kind) {
        var ignored = new ArrayList<String>();
        if (!config.rateLimit().unlimited()) {
            ignored.add("rateLimit");
        }
        if (config.backgroundShare() != null) {
            ignored.add("backgroundShare");
        }
        if (!config.resilience().equals(ResilienceConfig.DEFAULT)) {
            ignored.add("resilience");
        }
        if (config.deadlineMillis() != null) {
            ignored.add("deadlineMillis");
        }
        if (config.timeoutMillis() != null) {
            ignored.add("timeoutMillis");
        }
        if (config.baseUrl() != null || config.apiKeyEnv() != null || config.limits() != null) {
            ignored.add("baseUrl/apiKeyEnv/limits");
        }
        if (config.usdPerMillionTokens() != null || config.usdPerMillionOutputTokens().signum() != 0
                || config.usdPerRequest().signum() != 0) {
            ignored.add("prices");
        }
        if (!ignored.isEmpty()) {
            throw new ConfigException("providers[" + config.name() + "]: " + String.join(", ", ignored)
                    + " cannot be set on a " + kind + " provider, which is not called over the network; remove "
                    + (ignored.size() == 1 ? "it" : "them"));
        }
    }

    private RemoteModel remoteModel(ProviderPlugin plugin, ProviderConfig config) {
        RemoteModel model = catalogOrDeclared(plugin, config);
        model = config.limits() == null ? model : model.withLimits(config.limits());
        return config.usdPerMillionTokens() == null ? model : model.withPrice(config.usdPerMillionTokens());
    }

    private RemoteModel catalogOrDeclared(ProviderPlugin plugin, ProviderConfig config) {
        return catalog.find(plugin.kind(), config.model())
                .map(known -> config.dimensions() == null ? known.remoteModel() : shortened(known, config))
                .orElseGet(() -> {
                    int dimensions = require(config.dimensions(), config, "dimensions");
                    int maxTokens = require(config.maxTokens(), config, "maxTokens");
                    return new RemoteModel(config.model(), RemoteModelCatalog.remoteSpace(config.model(),
                            RemoteModelCatalog.API_REVISION, dimensions, maxTokens), dimensions, UNKNOWN_MODEL_LIMITS,
                            TokenCounter.estimate());
                });
    }

    private static RemoteModel shortened(KnownModel known, ProviderConfig config) {
        try {
            return known.remoteModel(config.dimensions());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("providers[" + config.name() + "].dimensions: " + e.getMessage(), e);
        }
    }

    private RemoteEndpoint endpoint(ProviderPlugin plugin, ProviderConfig config) {
        return endpoints.endpoint(plugin, config, "providers");
    }

    private static int require(Integer value, ProviderConfig config, String key) {
        if (value == null) {
            throw new ConfigException("providers[" + config.name() + "]." + key + " is required for model '"
                    + config.model() + "' (the catalog does not know it)");
        }
        return value;
    }
}
