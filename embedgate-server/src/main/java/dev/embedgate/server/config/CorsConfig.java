package dev.embedgate.server.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cross-origin calls from web pages (CORS). Off unless origins are listed: a browser then lets no page of another
 * origin read an answer or send a JSON request, so no page a user opens can spend the provider budget. A listed
 * origin gets its preflights answered and its answers made readable.
 *
 * @param allowedOrigins origins ({@code scheme://host[:port]}, as browsers send them in {@code Origin}) whose pages
 *                       may call the API; empty (the default): CORS is off
 */
public record CorsConfig(List<String> allowedOrigins) {

    static final CorsConfig DEFAULT = new CorsConfig(null);

    private static final Pattern ORIGIN = Pattern.compile("https?://([a-z0-9-]+(\\.[a-z0-9-]+)*|\\[[0-9a-f:.]+])(:\\d{1,5})?");

    public CorsConfig {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream()
                .map(origin -> origin == null ? "" : origin.strip().toLowerCase(Locale.ROOT)).toList();
        for (String origin : allowedOrigins) {
            ConfigChecks.require(!origin.equals("*"), "server.cors.allowedOrigins", "must list each origin: '*' "
                    + "would let every web page a user opens call the gateway and spend its provider budget");
            ConfigChecks.require(ORIGIN.matcher(origin).matches(), "server.cors.allowedOrigins", "must hold origins "
                    + "like https://app.example.com or http://localhost:3000 (scheme, host, optional port; no path, "
                    + "no trailing slash), had '" + origin + "'");
        }
    }

    /** Whether any origin may call across origins. */
    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }
}
