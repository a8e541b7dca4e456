package dev.embedgate.server.config;

import java.util.List;
import java.util.Objects;

/**
 * Gateway API keys on the HTTP API.
 *
 * @param enabled   true: every path but {@code openPaths} needs {@code Authorization: Bearer <key>}
 * @param openPaths paths served without a key
 */
public record AuthConfig(Boolean enabled, List<String> openPaths) {

    static final AuthConfig DEFAULT = new AuthConfig(null, null);

    public AuthConfig {
        enabled = Objects.requireNonNullElse(enabled, false);
        openPaths = openPaths == null ? List.of("/health", "/metrics") : List.copyOf(openPaths);
        for (String path : openPaths) {
            ConfigChecks.require(path.startsWith("/"), "auth.openPaths", "must hold paths starting with /, had " + path);
        }
    }
}
