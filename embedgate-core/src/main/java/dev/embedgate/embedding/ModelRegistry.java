package dev.embedgate.embedding;

import dev.embedgate.call.Guarded;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.provider.EmbeddingProvider;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Maps the model names users send (canonical names and aliases, matched exactly, else ignoring case) to
 * routes. Owns the providers: closing the registry closes them.
 */
public final class ModelRegistry implements AutoCloseable {

    private final List<ModelRoute> routes;
    private final ModelRoute defaultRoute;
    private final Map<String, ModelRoute> byExactName = new HashMap<>();
    private final Map<String, ModelRoute> byLowerCaseName = new HashMap<>();
    private final Map<String, String> absentByLowerCaseName = new HashMap<>();

    /** @param defaultModel the name used when a caller names no model (CLI, Java API) */
    public ModelRegistry(List<ModelRoute> routes, String defaultModel) {
        this(routes, defaultModel, Map.of());
    }

    /**
     * @param absentModels models a caller may expect that this gateway cannot serve (the bundled models in a
     *                     distribution without their weights), by name or alias: why, and how to get them
     */
    public ModelRegistry(List<ModelRoute> routes, String defaultModel, Map<String, String> absentModels) {
        absentModels.forEach((name, why) -> absentByLowerCaseName.put(name.toLowerCase(Locale.ROOT), why));
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

    /** @throws ModelNotFoundException naming the configured models (and, for an absent one, how to get it) */
    public ModelRoute resolve(String model) {
        ModelRoute route = byExactName.get(model);
        if (route == null) {
            route = byLowerCaseName.get(model.toLowerCase(Locale.ROOT));
        }
        if (route == null) {
            List<String> configured = routes.stream().map(ModelRoute::name).toList();
            String why = absentByLowerCaseName.get(model.toLowerCase(Locale.ROOT));
            throw why == null ? new ModelNotFoundException(model, configured)
                    : new ModelNotFoundException(model, configured, why);
        }
        return route;
    }

    /**
     * The route of an embedding space, named by its id (the first configured route of that space), or by a model
     * name or alias that resolves to one. Background work addresses spaces this way: a stored vector's space id
     * keeps meaning the same space whatever the routes are called.
     *
     * @throws ModelNotFoundException when neither a space id nor a model name matches
     */
    public ModelRoute resolveSpace(String spaceIdOrModel) {
        for (ModelRoute route : routes) {
            if (route.space().id().equals(spaceIdOrModel)) {
                return route;
            }
        }
        return resolve(spaceIdOrModel);
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
            for (Guarded<EmbeddingProvider> guarded : Stream.concat(route.providers().stream(),
                    route.fallback().stream()).toList()) {
                if (closed.add(guarded.provider())) {
                    guarded.provider().close();
                }
            }
        }
    }
}
