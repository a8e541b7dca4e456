package dev.embedgate.server.status;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.server.cache.CacheService;
import dev.embedgate.server.memory.SpacesService;
import dev.embedgate.server.routes.RouteCatalog;
import dev.embedgate.server.routes.RoutedProvider;
import dev.embedgate.store.Database;
import dev.embedgate.usage.BudgetGuard;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the gateway's parts are doing, for {@code /status}, {@code embedgate status} and the dashboard: each
 * provider (reachable, credentials configured as a yes/no, circuit, rate-limit headroom, last error), the store,
 * the cache tiers, spend against budgets and the memory's counts. Each part is checked once per answer. Thread-safe.
 */
public final class StatusService {

    private final ReadinessService readiness;
    private final RouteCatalog routes;
    private final Database database;
    private final CacheService cache;
    private final BudgetGuard budgets;
    private final SpacesService memory;
    private final CapabilityProviders chatAndRerank;

    /**
     * @param budgets the spend caps, or null when none are enforced
     * @param memory  the memory's spaces, or null when the memory is off
     */
    public StatusService(ReadinessService readiness, RouteCatalog routes, CapabilityProviders chatAndRerank,
                         Database database, CacheService cache, BudgetGuard budgets, SpacesService memory) {
        this.memory = memory;
        this.chatAndRerank = chatAndRerank;
        this.readiness = readiness;
        this.routes = routes;
        this.database = database;
        this.cache = cache;
        this.budgets = budgets;
    }

    public GatewayStatus status() {
        Readiness checked = readiness.readiness();
        List<ProviderStatus> providers = Stream.concat(
                routes.providers().stream().map(provider -> describe(provider, checked)),
                chatAndRerank.providers().stream().map(StatusService::describe)).toList();
        return new GatewayStatus(checked.status(), checked.defaultModel(), providers,
                new StoreStatus(database.description(), checked.storeUp()), cache.status(), checked.rateLimitStore(),
                checked.models(), budgets == null ? List.of() : budgets.states().stream().map(BudgetStatus::of).toList(),
                memory == null ? null : memory.totals());
    }

    private static ProviderStatus describe(RoutedProvider routed, Readiness checked) {
        EmbeddingProvider provider = routed.provider();
        List<String> routeNames = routed.uses().stream()
                .map(use -> use.fallback() ? use.route() + " (fallback)" : use.route())
                .toList();
        // Readiness probes the providers that serve in their own space; only fallback-only ones are probed here.
        boolean available = checked.providerReachable(provider.name()).orElseGet(routed.guarded()::reachable);
        return new ProviderStatus(provider.name(), "embedding", provider.space().id(), routeNames, available,
                provider.hasApiKey(), provider.usdPerMillionTokens(), ProviderHealth.of(routed.guarded()));
    }

    private static ProviderStatus describe(CapabilityProviders.Served served) {
        return new ProviderStatus(served.guarded().name(), served.capability().wireName(), null, served.routes(),
                served.guarded().reachable(), served.guarded().provider().hasApiKey(), null,
                ProviderHealth.of(served.guarded()));
    }
}
