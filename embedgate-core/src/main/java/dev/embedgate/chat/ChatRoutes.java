package dev.embedgate.chat;

import dev.embedgate.call.Guarded;
import dev.embedgate.error.ModelNotFoundException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The configured chat models, by name or alias (case-insensitive). Immutable; closing closes their providers. */
public final class ChatRoutes implements AutoCloseable {

    private final List<ChatRoute> routes;

    /** @throws IllegalArgumentException when two routes share a name or a fallback names no route */
    public ChatRoutes(List<ChatRoute> routes) {
        this.routes = List.copyOf(routes);
        for (ChatRoute route : this.routes) {
            for (ChatRoute other : this.routes) {
                if (other != route && (other.isNamed(route.name())
                        || route.aliases().stream().anyMatch(other::isNamed))) {
                    throw new IllegalArgumentException("chat models '" + route.name() + "' and '" + other.name()
                            + "' share a name");
                }
            }
            for (String fallback : route.fallbackModels()) {
                if (this.routes.stream().noneMatch(candidate -> candidate.isNamed(fallback))) {
                    throw new IllegalArgumentException("chat model '" + route.name() + "' falls back to '" + fallback
                            + "', which is not a configured chat model; configured: " + names());
                }
            }
        }
    }

    public static ChatRoutes none() {
        return new ChatRoutes(List.of());
    }

    /** @throws ModelNotFoundException naming the configured chat models */
    public ChatRoute resolve(String model) {
        return routes.stream().filter(route -> route.isNamed(model)).findFirst()
                .orElseThrow(() -> routes.isEmpty()
                        ? new ModelNotFoundException(model, names(), "no chat model is configured (chat.routes)")
                        : new ModelNotFoundException(model, names()));
    }

    /** Routes in configuration order. */
    public List<ChatRoute> routes() {
        return routes;
    }

    private List<String> names() {
        return routes.stream().map(ChatRoute::name).toList();
    }

    @Override
    public void close() {
        Set<ChatProvider> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ChatRoute route : routes) {
            for (Guarded<ChatProvider> provider : route.providers()) {
                if (closed.add(provider.provider())) {
                    provider.provider().close();
                }
            }
        }
    }
}
