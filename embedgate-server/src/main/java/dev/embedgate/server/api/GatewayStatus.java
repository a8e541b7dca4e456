package dev.embedgate.server.api;

import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.EmbeddingCache;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.ProviderFailure;
import dev.embedgate.call.ResilientCallPath;
import dev.embedgate.server.config.Gateway;
import dev.embedgate.store.Database;
import dev.embedgate.usage.BudgetGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the gateway's parts are doing, for {@code /ready} and {@code /status}: each provider (reachable, credentials
 * configured as a yes/no, circuit, rate-limit headroom, last error), the store, the cache tiers and spend against
 * budgets. Never holds or shows a secret.
 */
final class GatewayStatus {

    private final EmbeddingService service;
    private final Database database;
    private final Gateway gateway;

    GatewayStatus(Gateway gateway) {
        this.service = gateway.service();
        this.database = gateway.database();
        this.gateway = gateway;
    }

    /**
     * Ready when the default model has a provider that can serve, the store answers, every shared cache tier
     * answers, and the Redis of shared rate limits (if they are shared) answers; every configured provider's state
     * is listed. Each check is made now.
     */
    Map<String, Object> readiness() {
        ModelRegistry registry = service.registry();
        ModelRoute defaultRoute = registry.defaultRoute();
        var reachable = new LinkedHashMap<String, Boolean>();
        var providers = new LinkedHashMap<String, Object>();
        for (ModelRoute route : registry.routes()) {
            for (Guarded<EmbeddingProvider> provider : route.providers()) {
                if (!reachable.containsKey(provider.name())) {
                    boolean up = provider.reachable();
                    reachable.put(provider.name(), up);
                    providers.put(provider.name(), up ? "reachable" : provider.ready() ? "unreachable" : "loads on first use");
                }
            }
        }
        boolean defaultServable = defaultRoute.providers().stream().anyMatch(provider -> reachable.get(provider.name()));
        boolean storeUp = database.reachable();
        var tiers = new LinkedHashMap<String, Object>();
        boolean tiersUp = true;
        for (CacheTier tier : service.cache().tiers()) {
            boolean up = tier.probe();
            tiers.put(tier.name(), up ? "up" : "down");
            tiersUp &= up;
        }
        Optional<Boolean> rateLimitStore = gateway.rateLimitStoreReachable();
        boolean limitsUp = rateLimitStore.orElse(true);
        var body = new LinkedHashMap<String, Object>();
        body.put("status", defaultServable && storeUp && tiersUp && limitsUp ? "ready" : "not_ready");
        body.put("default_model", defaultRoute.name());
        body.put("providers", providers);
        body.put("store", storeUp ? "up" : "down");
        body.put("cache", tiers);
        rateLimitStore.ifPresent(up -> body.put("rate_limit_store", up ? "up" : "down"));
        var models = new LinkedHashMap<String, String>();
        for (ModelRoute route : registry.routes()) {
            models.put(route.name(), route.primary().ready() ? "loaded" : "loads on first use");
        }
        body.put("models", models);
        return body;
    }

    static boolean ready(Map<String, Object> readiness) {
        return "ready".equals(readiness.get("status"));
    }

    /** Everything, for people and dashboards. */
    Map<String, Object> status() {
        var body = new LinkedHashMap<String, Object>(readiness());
        body.put("providers", providers());
        body.put("store", Map.of("database", database.description(), "reachable", database.reachable()));
        body.put("cache", cache(service.cache()));
        BudgetGuard budgets = service.budgets();
        body.put("budgets", budgets == null ? List.of() : budgets.states().stream().map(GatewayStatus::budget).toList());
        return body;
    }

    private List<Map<String, Object>> providers() {
        var providers = new LinkedHashMap<String, Guarded<EmbeddingProvider>>();
        var routes = new LinkedHashMap<String, List<String>>();
        for (ModelRoute route : service.registry().routes()) {
            route.providers().forEach(provider -> servesIn(provider, route.name(), providers, routes));
            route.fallback().forEach(provider -> servesIn(provider, route.name() + " (fallback)", providers, routes));
        }
        return providers.values().stream().map(provider -> describe(provider, routes.get(provider.name()))).toList();
    }

    private static void servesIn(Guarded<EmbeddingProvider> provider, String route,
                                 Map<String, Guarded<EmbeddingProvider>> providers,
                                 Map<String, List<String>> routes) {
        providers.putIfAbsent(provider.name(), provider);
        routes.computeIfAbsent(provider.name(), name -> new ArrayList<>()).add(route);
    }

    private static Map<String, Object> describe(Guarded<EmbeddingProvider> guarded, List<String> routes) {
        EmbeddingProvider provider = guarded.provider();
        ResilientCallPath path = guarded.path();
        var entry = new LinkedHashMap<String, Object>();
        entry.put("name", provider.name());
        entry.put("space", provider.space().id());
        entry.put("routes", routes);
        entry.put("available", guarded.reachable());
        entry.put("has_api_key", provider.hasApiKey());
        entry.put("usd_per_million_tokens", provider.usdPerMillionTokens());
        entry.put("circuit", path.circuitState().name().toLowerCase(Locale.ROOT));
        OptionalLong headroom = path.rateLimitHeadroom();
        entry.put("rate_limit_headroom", headroom.isPresent() ? headroom.getAsLong() : null);
        ProviderFailure failure = path.lastFailure();
        entry.put("last_error", failure == null ? null : Map.of("at", failure.at().toString(),
                "kind", failure.kind().name().toLowerCase(Locale.ROOT), "message", failure.message()));
        return entry;
    }

    private static Map<String, Object> cache(EmbeddingCache cache) {
        var tiers = new ArrayList<Map<String, Object>>();
        for (EmbeddingCache.TierStats tier : cache.stats()) {
            long lookups = tier.hits() + tier.misses();
            tiers.add(Map.of("tier", tier.tier(), "healthy", tier.healthy(), "hits", tier.hits(), "misses", tier.misses(),
                    "hit_ratio", lookups == 0 ? 0.0 : (double) tier.hits() / lookups));
        }
        return Map.of("enabled", cache.enabled(), "tiers", tiers);
    }

    private static Map<String, Object> budget(BudgetGuard.BudgetState state) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("scope", state.scope().name().toLowerCase(Locale.ROOT));
        entry.put("name", state.name());
        entry.put("period", state.period().label());
        entry.put("spent_usd", state.spentUsd());
        entry.put("cap_usd", state.capUsd());
        entry.put("warning", state.warning());
        entry.put("exhausted", state.exhausted());
        entry.put("on_exhausted", state.onExhausted().name().toLowerCase(Locale.ROOT));
        return entry;
    }
}
