package dev.embedgate.server.config;

import java.util.Objects;

/**
 * Where client-side rate-limit buckets live.
 *
 * @param store    {@code local} (this process) or {@code redis} (shared by every instance using the same Redis)
 * @param redisUrl e.g. {@code redis://127.0.0.1:6379}; required for redis
 */
public record RateLimitStore(String store, String redisUrl) {

    static final RateLimitStore DEFAULT = new RateLimitStore(null, null);

    public RateLimitStore {
        store = Objects.requireNonNullElse(store, "local");
        ConfigChecks.require(store.equals("local") || store.equals("redis"), "rateLimits.store",
                "must be local or redis, was " + store);
        ConfigChecks.require(!store.equals("redis") || redisUrl != null, "rateLimits.redisUrl",
                "is required when rateLimits.store is redis");
    }

    boolean shared() {
        return store.equals("redis");
    }
}
