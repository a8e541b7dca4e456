package dev.embedgate.server.routes;

import dev.embedgate.call.Guarded;
import dev.embedgate.provider.EmbeddingProvider;
import java.util.List;

/**
 * A configured provider, behind its call path, and the routes it serves, as {@link RouteCatalog} found them.
 *
 * @param guarded the provider and its call path
 * @param uses    the routes it serves, in route order
 */
public record RoutedProvider(Guarded<EmbeddingProvider> guarded, List<Use> uses) {

    public RoutedProvider {
        uses = List.copyOf(uses);
    }

    public String name() {
        return guarded.name();
    }

    public EmbeddingProvider provider() {
        return guarded.provider();
    }

    /** The first route that lists the provider in its own space, or null if it is only ever a fallback. */
    public String firstServedRoute() {
        return uses.stream().filter(use -> !use.fallback()).map(Use::route).findFirst().orElse(null);
    }

    /**
     * @param route    the route's canonical name
     * @param fallback true when the provider is a cross-space fallback of the route, not one of its providers
     */
    public record Use(String route, boolean fallback) {
    }
}
