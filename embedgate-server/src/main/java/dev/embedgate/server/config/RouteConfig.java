package dev.embedgate.server.config;

import java.util.List;

/**
 * A model as users name it, served by providers declared under {@code providers}.
 *
 * @param name      the model name requests use
 * @param aliases   other accepted names
 * @param providers provider names, tried in order; all must serve one space
 * @param fallback  provider names of ANOTHER space, used only when every provider failed; answers are marked degraded
 */
public record RouteConfig(String name, List<String> aliases, List<String> providers, List<String> fallback) {

    public RouteConfig {
        ConfigChecks.require(name != null && !name.isBlank(), "routes[].name", "is required");
        ConfigChecks.require(providers != null && !providers.isEmpty(), "routes[" + name + "].providers",
                "must name at least one provider");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        providers = List.copyOf(providers);
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }
}
