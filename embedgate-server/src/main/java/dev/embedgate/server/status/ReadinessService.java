package dev.embedgate.server.status;

import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.EmbeddingCache;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.call.Guarded;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.server.routes.RouteCatalog;
import dev.embedgate.server.routes.RoutedProvider;
import dev.embedgate.store.Database;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Whether the gateway can serve now, for {@code /ready} (and as the first part of {@code /status}). Every check
 * is made when asked: providers are probed without spending anything, the store and every cache tier are asked to
 * answer. Thread-safe.
 */
public final class ReadinessService {

    private final RouteCatalog routes;
    private final Database database;
    private final EmbeddingCache cache;
    private final Supplier<Optional<Boolean>> rateLimitStore;

    /**
     * @param rateLimitStore whether the store of shared rate limits answers now; empty when limits are kept in this
     *                       process
     */
    public ReadinessService(RouteCatalog routes, Database database, EmbeddingCache cache,
                            Supplier<Optional<Boolean>> rateLimitStore) {
        this.routes = routes;
        this.database = database;
        this.cache = cache;
        this.rateLimitStore = rateLimitStore;
    }

    /**
     * Ready when the default model has a provider that can serve, the store answers, every cache tier answers, and
     * the Redis of shared rate limits (if limits are shared) answers.
     */
    public Readiness readiness() {
        var providers = new LinkedHashMap<String, String>();
        var probes = new LinkedHashMap<String, Future<String>>();
        // Probed at once, each on a thread of its own: the environment alone may add a dozen remote providers, and
        // an orchestrator's probe times out long before a dozen connection timeouts in a row.
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (RoutedProvider routed : routes.servingProviders()) {
                Guarded<EmbeddingProvider> provider = routed.guarded();
                probes.put(provider.name(), executor.submit(() -> provider.reachable() ? Readiness.REACHABLE
                        : provider.ready() ? "unreachable" : "loads on first use"));
            }
        }
        probes.forEach((name, probe) -> providers.put(name, probe.resultNow()));
        ModelRoute defaultRoute = routes.defaultRoute();
        boolean defaultServable = defaultRoute.providers().stream()
                .anyMatch(provider -> Readiness.REACHABLE.equals(providers.get(provider.name())));
        boolean storeUp = database.reachable();
        var tiers = new LinkedHashMap<String, String>();
        boolean tiersUp = true;
        for (CacheTier tier : cache.tiers()) {
            boolean up = tier.probe();
            tiers.put(tier.name(), upOrDown(up));
            tiersUp &= up;
        }
        Optional<Boolean> limitsStore = rateLimitStore.get();
        var models = new LinkedHashMap<String, String>();
        for (ModelRoute route : routes.routes()) {
            models.put(route.name(), route.primary().ready() ? "loaded" : "loads on first use");
        }
        boolean ready = defaultServable && storeUp && tiersUp && limitsStore.orElse(true);
        return new Readiness(ready ? Readiness.READY : "not_ready", defaultRoute.name(), providers, upOrDown(storeUp),
                tiers, limitsStore.map(ReadinessService::upOrDown).orElse(null), models);
    }

    private static String upOrDown(boolean up) {
        return up ? Readiness.UP : "down";
    }
}
