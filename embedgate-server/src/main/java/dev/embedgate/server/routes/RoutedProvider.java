package dev.embedgate.server.routes;

import dev.embedgate.provider.EmbeddingProvider;
import java.util.List;

/**
 * A configured provider and the routes it serves, as {@link RouteCatalog} found them.
 *
 * @param provider the provider
 * @param uses     the routes it serves, in route order
 */
public record RoutedProvider(EmbeddingProvider provider, List<Use> uses) {

    public RoutedProvider {
        uses = List.copyOf(uses);
    }

    public String name() {
        return provider.name();
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
