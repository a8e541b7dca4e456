package dev.embedgate.server.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /ready} answers: whether the gateway can serve, and the state of each part it checked.
 *
 * @param status         {@code ready} or {@code not_ready}
 * @param defaultModel   the model served to callers that name none
 * @param providers      each provider that serves a route in its own space: {@code reachable}, {@code unreachable}
 *                       or {@code loads on first use}
 * @param store          the operational database: {@code up} or {@code down}
 * @param cache          each cache tier: {@code up} or {@code down}
 * @param rateLimitStore the Redis of shared rate limits, {@code up} or {@code down}; null (and absent from JSON)
 *                       when limits are kept in this process
 * @param models         each model: {@code loaded} or {@code loads on first use}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Readiness(String status, String defaultModel, Map<String, String> providers, String store,
                        Map<String, String> cache, @JsonInclude(JsonInclude.Include.NON_NULL) String rateLimitStore,
                        Map<String, String> models) {

    static final String READY = "ready";
    static final String REACHABLE = "reachable";
    static final String UP = "up";

    public Readiness {
        providers = unmodifiableCopy(providers);
        cache = unmodifiableCopy(cache);
        models = unmodifiableCopy(models);
    }

    /** Keeps the order the checks were made in, which JSON shows. */
    private static Map<String, String> unmodifiableCopy(Map<String, String> states) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /** Whether the gateway can serve: {@code /ready} answers 200. */
    public boolean ready() {
        return READY.equals(status);
    }

    /** Whether the provider was reachable in this check; empty for a provider it did not check. */
    public Optional<Boolean> providerReachable(String provider) {
        return Optional.ofNullable(providers.get(provider)).map(REACHABLE::equals);
    }

    /** Whether the store answered this check. */
    public boolean storeUp() {
        return UP.equals(store);
    }
}
