package dev.embedgate.server.config;

import java.util.Objects;

/**
 * Where client-side rate-limit buckets live, and how much of them background work may use.
 *
 * @param store           {@code local} (this process) or {@code redis} (shared by every instance using the same Redis)
 * @param redisUrl        e.g. {@code redis://127.0.0.1:6379}; required for redis
 * @param backgroundShare the part of every provider's limits that background work (memory backfill, repairs,
 *                        migrations) may use, in (0, 1]; unset: 0.5. A provider's own {@code backgroundShare} wins.
 */
public record RateLimitStore(String store, String redisUrl, Double backgroundShare) {

    static final RateLimitStore DEFAULT = new RateLimitStore(null, null, null);
    static final double DEFAULT_BACKGROUND_SHARE = 0.5;

    public RateLimitStore {
        store = Objects.requireNonNullElse(store, "local");
        backgroundShare = Objects.requireNonNullElse(backgroundShare, DEFAULT_BACKGROUND_SHARE);
        ConfigChecks.require(backgroundShare > 0 && backgroundShare <= 1, "rateLimits.backgroundShare",
                "must be more than 0 and at most 1, was " + backgroundShare);
        ConfigChecks.require(store.equals("local") || store.equals("redis"), "rateLimits.store",
                "must be local or redis, was " + store);
        ConfigChecks.require(!store.equals("redis") || redisUrl != null, "rateLimits.redisUrl",
                "is required when rateLimits.store is redis");
    }

    boolean shared() {
        return store.equals("redis");
    }
}
