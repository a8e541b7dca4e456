package dev.embedgate.server.status;

import dev.embedgate.call.Guarded;
import dev.embedgate.chat.ChatRoute;
import dev.embedgate.chat.ChatRoutes;
import dev.embedgate.provider.Capability;
import dev.embedgate.rerank.RerankRoute;
import dev.embedgate.rerank.RerankRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat and reranking providers and the models they serve, enumerated once for status and metrics, as
 * {@link dev.embedgate.server.routes.RouteCatalog} enumerates the embedding providers. Immutable.
 */
public final class CapabilityProviders {

    /**
     * One provider and the models it serves.
     *
     * @param capability chat or rerank
     * @param guarded    the provider behind its call path
     * @param routes     the models it serves, in configuration order
     */
    public record Served(Capability capability, Guarded<?> guarded, List<String> routes) {
    }

    private final List<Served> providers;

    public CapabilityProviders(ChatRoutes chat, RerankRoutes rerank) {
        var byName = new LinkedHashMap<String, Served>();
        for (ChatRoute route : chat.routes()) {
            route.providers().forEach(provider -> add(byName, Capability.CHAT, provider, route.name()));
        }
        for (RerankRoute route : rerank.routes()) {
            route.providers().forEach(provider -> add(byName, Capability.RERANK, provider, route.name()));
        }
        this.providers = byName.values().stream()
                .map(served -> new Served(served.capability(), served.guarded(), List.copyOf(served.routes()))).toList();
    }

    private static void add(Map<String, Served> byName, Capability capability, Guarded<?> provider, String route) {
        byName.computeIfAbsent(capability.wireName() + "|" + provider.name(),
                key -> new Served(capability, provider, new ArrayList<>())).routes().add(route);
    }

    /** Every chat provider, then every reranking provider. */
    public List<Served> providers() {
        return providers;
    }
}
