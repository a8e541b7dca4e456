package dev.embedgate.server.config;

import dev.embedgate.provider.ProviderEnvironment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gateway API keys on the HTTP API.
 *
 * @param enabled   true: every path but {@code openPaths} needs {@code Authorization: Bearer <key>}, and the
 *                  operator's routes an admin key
 * @param openPaths paths served to anyone, with or without keys: {@code /health} and {@code /ready} by default, so
 *                  that an orchestrator's probes need no key, and {@code /metrics}, which may be taken out;
 *                  {@code /status} and {@code /admin/...} never
 */
public record AuthConfig(Boolean enabled, List<String> openPaths) {

    /** The variable that turns keys on without a file ({@code true}), as {@code serve --auth} does. */
    public static final String ENABLED_VARIABLE = "EMBEDGATE_AUTH";

    static final AuthConfig DEFAULT = new AuthConfig(null, null);

    public AuthConfig {
        enabled = Objects.requireNonNullElse(enabled, false);
        openPaths = openPaths == null ? List.of("/health", "/ready", "/metrics") : List.copyOf(openPaths);
        for (String path : openPaths) {
            ConfigChecks.require(path.startsWith("/"), "auth.openPaths", "must hold paths starting with /, had " + path);
            // Status shows internal addresses and the database's path, and /admin changes the cache: operators only.
            ConfigChecks.require(!path.equals("/status") && !path.equals("/admin") && !path.startsWith("/admin/"),
                    "auth.openPaths", "cannot open " + path + ": /status and /admin/... are for operators (an admin "
                            + "key, 'embedgate keys create --admin', or with auth off a client server.admin.allowFrom "
                            + "allows)");
        }
    }

    /** The same paths, with keys required. */
    public AuthConfig required() {
        return new AuthConfig(true, openPaths);
    }

    /**
     * Whether the environment turns keys on: {@code EMBEDGATE_AUTH=true}. {@code false}, or unset, changes nothing:
     * keys that the file turns on stay on.
     *
     * @throws ConfigException when the variable holds anything but true or false
     */
    public static boolean requiredBy(ProviderEnvironment environment) {
        Optional<String> value = environment.value(ENABLED_VARIABLE);
        if (value.isPresent() && !value.get().equalsIgnoreCase("true") && !value.get().equalsIgnoreCase("false")) {
            throw new ConfigException("the variable " + ENABLED_VARIABLE + " must be true or false");
        }
        return value.filter(text -> text.equalsIgnoreCase("true")).isPresent();
    }
}
