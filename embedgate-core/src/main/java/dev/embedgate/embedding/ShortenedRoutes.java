package dev.embedgate.embedding;

import dev.embedgate.call.Guarded;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.provider.DimensionOptions;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.space.EmbeddingSpace;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model's route at the length a request asks for ({@code dimensions}). Each length is a space of its own: the route
 * at another length holds those of the model's providers that can answer with it, in their order and on their own
 * call paths (one provider's limits, breaker and ledger, whatever length it is asked for), and no cross-space
 * fallback, whose vectors would not have the length asked for. Routes are made on first use and kept: there are at
 * most as many as the lengths the configured models answer with. Thread-safe.
 */
final class ShortenedRoutes {

    /**
     * A route at the length a request asks for.
     *
     * @param route   the route of that length's space (the model's own route at its own length)
     * @param cutFrom the model's own, longer space when its shortening is truncation: a vector of it, cut to this
     *                length and scaled back to unit length, is exactly this space's (so a cached one may answer);
     *                null otherwise
     */
    record Sized(ModelRoute route, EmbeddingSpace cutFrom) {
    }

    private record Key(String route, int dimensions) {
    }

    private final Map<Key, Sized> made = new ConcurrentHashMap<>();

    /**
     * @param dimensions the length asked for, or null for the route's own
     * @throws InvalidRequestException when the model does not answer with that length, or none of its providers can
     */
    Sized of(ModelRoute route, Integer dimensions) {
        if (dimensions == null || dimensions == route.space().dimensions()) {
            return new Sized(route, null);
        }
        return made.computeIfAbsent(new Key(route.name(), dimensions), key -> shorten(route, key.dimensions()));
    }

    private static Sized shorten(ModelRoute route, int dimensions) {
        DimensionOptions options = route.dimensionOptions();
        if (!options.allows(dimensions)) {
            throw unsupported(route, options.shortens()
                    ? "answers with " + options.describe() + " dimensions, not " + dimensions
                    : "returns " + options.describe() + " dimensions and cannot be shortened");
        }
        var providers = new ArrayList<Guarded<EmbeddingProvider>>();
        boolean truncation = true;
        for (Guarded<EmbeddingProvider> guarded : route.providers()) {
            var shortened = guarded.provider().withDimensions(dimensions);
            if (shortened.isPresent()) {
                providers.add(new Guarded<>(shortened.get(), guarded.path()));
                truncation &= guarded.provider().dimensionOptions().truncation();
            }
        }
        if (providers.isEmpty()) {
            throw unsupported(route, "has no provider that can answer with " + dimensions + " dimensions");
        }
        boolean cut = truncation && dimensions < route.space().dimensions();
        return new Sized(new ModelRoute(route.name(), route.aliases(), providers), cut ? route.space() : null);
    }

    private static InvalidRequestException unsupported(ModelRoute route, String why) {
        return new InvalidRequestException("model '" + route.name() + "' " + why + "; omit 'dimensions' or set it to "
                + route.space().dimensions(), "dimensions", "unsupported_dimensions");
    }
}
