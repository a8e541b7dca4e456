package dev.embedgate.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The providers the simulator speaks for. Each route has its own faults, rate limits and log; TEI's {@code /embed}
 * and its OpenAI-compatible {@code /v1/embeddings} share the TEI route, and Ollama's {@code /api/embed} and legacy
 * {@code /api/embeddings} share the OLLAMA route.
 */
public enum Route {
    OPENAI,
    HUGGINGFACE,
    TEI,
    COHERE,
    OLLAMA;

    /** The lower-case name used in admin URLs and config files ({@code openai}, {@code huggingface}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The route with this wire name (case-insensitive), or an error naming the valid ones. */
    public static Route fromWireName(String name) {
        for (Route route : values()) {
            if (route.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return route;
            }
        }
        throw new IllegalArgumentException("unknown route '" + name + "'; routes are "
                + Arrays.stream(values()).map(Route::wireName).collect(Collectors.joining(", ")));
    }
}
