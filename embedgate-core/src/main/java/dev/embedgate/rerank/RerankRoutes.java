package dev.embedgate.rerank;

import dev.embedgate.call.Guarded;
import dev.embedgate.error.ModelNotFoundException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The configured reranking models, by name or alias (case-insensitive); the first is the default, for callers that
 * name none (TEI's {@code /rerank} shape has no model). Immutable; closing closes their providers.
 */
public final class RerankRoutes implements AutoCloseable {

    private final List<RerankRoute> routes;

    /** @throws IllegalArgumentException when two routes share a name */
    public RerankRoutes(List<RerankRoute> routes) {
        this.routes = List.copyOf(routes);
        for (RerankRoute route : this.routes) {
            for (RerankRoute other : this.routes) {
                if (other != route && (other.isNamed(route.name())
                        || route.aliases().stream().anyMatch(other::isNamed))) {
                    throw new IllegalArgumentException("rerank models '" + route.name() + "' and '" + other.name()
                            + "' share a name");
                }
            }
        }
    }

    /**
     * The route of {@code model}, or the default one when it is null.
     *
     * @throws ModelNotFoundException naming the configured reranking models
     */
    public RerankRoute resolve(String model) {
        if (model == null) {
            if (routes.isEmpty()) {
                throw new ModelNotFoundException("(default)", List.of(), "no rerank model is configured (rerank.routes)");
            }
            return routes.getFirst();
        }
        return routes.stream().filter(route -> route.isNamed(model)).findFirst()
                .orElseThrow(() -> routes.isEmpty()
                        ? new ModelNotFoundException(model, List.of(), "no rerank model is configured (rerank.routes)")
                        : new ModelNotFoundException(model, routes.stream().map(RerankRoute::name).toList()));
    }

    /** Routes in configuration order, the default first. */
    public List<RerankRoute> routes() {
        return routes;
    }

    @Override
    public void close() {
        Set<RerankProvider> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (RerankRoute route : routes) {
            for (Guarded<RerankProvider> provider : route.providers()) {
                if (closed.add(provider.provider())) {
                    provider.provider().close();
                }
            }
        }
    }
}
