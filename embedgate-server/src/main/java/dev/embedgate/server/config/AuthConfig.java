package dev.embedgate.server.config;

import java.util.List;
import java.util.Objects;

/**
 * Gateway API keys on the HTTP API.
 *
 * @param enabled   true: every path but {@code openPaths} needs {@code Authorization: Bearer <key>}, and the
 *                  operator's routes an admin key
 * @param openPaths paths served to anyone, with or without keys: {@code /metrics} may be one (it is by default),
 *                  {@code /status} and {@code /admin/...} never
 */
public record AuthConfig(Boolean enabled, List<String> openPaths) {

    static final AuthConfig DEFAULT = new AuthConfig(null, null);

    public AuthConfig {
        enabled = Objects.requireNonNullElse(enabled, false);
        openPaths = openPaths == null ? List.of("/health", "/metrics") : List.copyOf(openPaths);
        for (String path : openPaths) {
            ConfigChecks.require(path.startsWith("/"), "auth.openPaths", "must hold paths starting with /, had " + path);
            // Status shows internal addresses and the database's path, and /admin changes the cache: operators only.
            ConfigChecks.require(!path.equals("/status") && !path.equals("/admin") && !path.startsWith("/admin/"),
                    "auth.openPaths", "cannot open " + path + ": /status and /admin/... are for operators (an admin "
                            + "key, 'embedgate keys create --admin', or with auth off a client server.admin.allowFrom "
                            + "allows)");
        }
    }
}
