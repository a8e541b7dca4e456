package dev.embedgate.embedding;

import dev.embedgate.call.Guarded;
import dev.embedgate.provider.DimensionOptions;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.space.EmbeddingSpace;
import java.util.List;

/**
 * A model as users name it, and the ordered providers that serve its space, each behind its call path.
 *
 * @param name      canonical name
 * @param aliases   other accepted names
 * @param providers providers of {@code space}, in the order they are tried
 * @param fallback  providers of ANOTHER space, tried only when every provider of the route's space failed, and
 *                  only because configuration says so: their vectors are marked degraded
 */
public record ModelRoute(String name, List<String> aliases, List<Guarded<EmbeddingProvider>> providers,
                         List<Guarded<EmbeddingProvider>> fallback) {

    /** A route with no cross-space fallback. */
    public ModelRoute(String name, List<String> aliases, List<Guarded<EmbeddingProvider>> providers) {
        this(name, aliases, providers, List.of());
    }

    public ModelRoute {
        aliases = List.copyOf(aliases);
        providers = List.copyOf(providers);
        fallback = List.copyOf(fallback);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' has no provider");
        }
        EmbeddingSpace first = providers.getFirst().provider().space();
        for (Guarded<EmbeddingProvider> guarded : providers) {
            if (!guarded.provider().space().equals(first)) {
                throw new IllegalArgumentException("model '" + name + "' mixes spaces: " + guarded.name()
                        + " serves " + guarded.provider().space().id() + " but " + providers.getFirst().name()
                        + " serves " + first.id());
            }
        }
        for (Guarded<EmbeddingProvider> guarded : fallback) {
            if (!guarded.provider().space().equals(fallback.getFirst().provider().space())) {
                throw new IllegalArgumentException("model '" + name + "' has fallback providers of several spaces");
            }
        }
    }

    public EmbeddingSpace space() {
        return providers.getFirst().provider().space();
    }

    public Guarded<EmbeddingProvider> primary() {
        return providers.getFirst();
    }

    /**
     * The vector lengths the model answers with, as its first provider answers: a request may ask for any of them
     * (each is a space of its own), and is served by those of the route's providers that can answer with it.
     */
    public DimensionOptions dimensionOptions() {
        return primary().provider().dimensionOptions();
    }
}
