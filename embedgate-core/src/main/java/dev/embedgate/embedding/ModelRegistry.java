package dev.embedgate.embedding;

import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.provider.EmbeddingProvider;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the model names users send (canonical names and aliases, matched exactly, else ignoring case) to
 * routes. Owns the providers: closing the registry closes them.
 */
public final class ModelRegistry implements AutoCloseable {

    private final List<ModelRoute> routes;
    private final ModelRoute defaultRoute;
    private final Map<String, ModelRoute> byExactName = new HashMap<>();
    private final Map<String, ModelRoute> byLowerCaseName = new HashMap<>();

    /** @param defaultModel the name used when a caller names no model (CLI, Java API) */
    public ModelRegistry(List<ModelRoute> routes, String defaultModel) {
        this.routes = List.copyOf(routes);
        for (ModelRoute route : routes) {
            register(route.name(), route);
            route.aliases().forEach(alias -> register(alias, route));
        }
        this.defaultRoute = resolve(defaultModel);
    }

    private void register(String name, ModelRoute route) {
        ModelRoute previous = byExactName.put(name, route);
        if (previous != null && previous != route) {
            throw new IllegalArgumentException("model name '" + name + "' is used by both " + previous.name()
                    + " and " + route.name());
        }
        byLowerCaseName.putIfAbsent(name.toLowerCase(Locale.ROOT), route);
    }

    /** @throws ModelNotFoundException naming the configured models */
    public ModelRoute resolve(String model) {
        ModelRoute route = byExactName.get(model);
        if (route == null) {
            route = byLowerCaseName.get(model.toLowerCase(Locale.ROOT));
        }
        if (route == null) {
            throw new ModelNotFoundException(model, routes.stream().map(ModelRoute::name).toList());
        }
        return route;
    }

    public ModelRoute defaultRoute() {
        return defaultRoute;
    }

    /** Routes in configuration order. */
    public List<ModelRoute> routes() {
        return routes;
    }

    @Override
    public void close() {
        Set<EmbeddingProvider> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ModelRoute route : routes) {
            for (EmbeddingProvider provider : route.providers()) {
                if (closed.add(provider)) {
                    provider.close();
                }
            }
        }
    }
}
