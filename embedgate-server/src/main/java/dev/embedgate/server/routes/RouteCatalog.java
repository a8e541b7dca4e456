package dev.embedgate.server.routes;

import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.call.Guarded;
import dev.embedgate.provider.EmbeddingProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured routes and the providers behind them, enumerated once: the one place that walks every route's
 * providers and fallback, for status, readiness, metrics, {@code /v1/models}, {@code embedgate models}, prices and
 * budget checks. Routes never change after start-up, so the lists are built once. Thread-safe (immutable).
 */
public final class RouteCatalog {

    private final ModelRegistry registry;
    private final List<RoutedProvider> providers;
    private final List<RoutedProvider> servingProviders;
    private final List<ConfiguredModel> models;

    public RouteCatalog(ModelRegistry registry) {
        this.registry = registry;
        var byName = new LinkedHashMap<String, Uses>();
        var servingOrder = new LinkedHashMap<String, Uses>();
        for (ModelRoute route : registry.routes()) {
            for (Guarded<EmbeddingProvider> provider : route.providers()) {
                servingOrder.putIfAbsent(provider.name(), use(byName, provider, route, false));
            }
            for (Guarded<EmbeddingProvider> provider : route.fallback()) {
                use(byName, provider, route, true);
            }
        }
        this.providers = byName.values().stream().map(Uses::toProvider).toList();
        this.servingProviders = servingOrder.values().stream().map(Uses::toProvider).toList();
        this.models = registry.routes().stream().map(this::describe).toList();
    }

    /** What one provider was found serving so far, while the routes are walked. */
    private record Uses(Guarded<EmbeddingProvider> provider, List<RoutedProvider.Use> uses) {

        RoutedProvider toProvider() {
            return new RoutedProvider(provider, uses);
        }
    }

    /** Records that {@code provider} serves {@code route}; providers are told apart by name, the first one kept. */
    private static Uses use(Map<String, Uses> byName, Guarded<EmbeddingProvider> provider, ModelRoute route,
                            boolean fallback) {
        Uses uses = byName.computeIfAbsent(provider.name(), name -> new Uses(provider, new ArrayList<>()));
        uses.uses().add(new RoutedProvider.Use(route.name(), fallback));
        return uses;
    }

    private ConfiguredModel describe(ModelRoute route) {
        return new ConfiguredModel(route.name(), route.aliases(), route.space().id(), route.space().dimensions(),
                SupportedDimensions.of(route.dimensionOptions()), route.space().maxTokens(), route.space().pooling(),
                route.providers().stream().map(Guarded::name).toList(),
                route.fallback().stream().map(Guarded::name).toList(), route == registry.defaultRoute());
    }

    /**
     * The configured model a name or alias resolves to, as model names in requests resolve.
     *
     * @throws dev.embedgate.error.ModelNotFoundException naming the configured models
     */
    public ConfiguredModel model(String nameOrAlias) {
        String name = registry.resolve(nameOrAlias).name();
        return models.stream().filter(model -> model.name().equals(name)).findFirst().orElseThrow();
    }

    /** Routes in configuration order. */
    public List<ModelRoute> routes() {
        return registry.routes();
    }

    /** The route used when a caller names no model. */
    public ModelRoute defaultRoute() {
        return registry.defaultRoute();
    }

    /** Every configured model, in configuration order. */
    public List<ConfiguredModel> models() {
        return models;
    }

    /**
     * Every provider once, fallback-only ones included, in the order the routes name them (each route's providers,
     * then its fallback).
     */
    public List<RoutedProvider> providers() {
        return providers;
    }

    /**
     * The providers that serve some route in its own space (not only as a cross-space fallback), once each, in the
     * order the routes list them.
     */
    public List<RoutedProvider> servingProviders() {
        return servingProviders;
    }
}
