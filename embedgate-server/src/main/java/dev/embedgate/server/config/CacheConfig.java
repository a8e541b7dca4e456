package dev.embedgate.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The embedding cache: an in-process tier, then a shared one.
 *
 * @param enabled  false to send every input upstream
 * @param memory   the in-process tier (L1)
 * @param shared   the shared, persistent tier (L2)
 * @param staleFor serving stale on error: how long every tier keeps an entry after its TTL, to answer when every
 *                 provider of the entry's space failed (marked {@code X-EmbedGate-Stale}); zero, the default, keeps
 *                 none and turns it off
 */
public record CacheConfig(Boolean enabled, Memory memory, Shared shared, Duration staleFor) {

    static final CacheConfig DEFAULT = new CacheConfig(null, null, null, null);

    public CacheConfig {
        enabled = Objects.requireNonNullElse(enabled, true);
        memory = Objects.requireNonNullElse(memory, Memory.DEFAULT);
        shared = Objects.requireNonNullElse(shared, Shared.DEFAULT);
        staleFor = Objects.requireNonNullElse(staleFor, Duration.ZERO);
        ConfigChecks.require(!staleFor.isNegative(), "cache.staleFor", "must not be negative, was " + staleFor);
    }

    /**
     * @param maxEntries entries held at most
     * @param maxBytes   bytes held at most (vectors and their keys, roughly)
     * @param ttl        how long an entry lives after it was written
     */
    public record Memory(Long maxEntries, Long maxBytes, Duration ttl) {
        static final Memory DEFAULT = new Memory(null, null, null);

        public Memory {
            maxEntries = Objects.requireNonNullElse(maxEntries, 100_000L);
            maxBytes = Objects.requireNonNullElse(maxBytes, 128L * 1024 * 1024);
            ttl = Objects.requireNonNullElse(ttl, Duration.ofHours(24));
            ConfigChecks.require(maxEntries > 0, "cache.memory.maxEntries", "must be positive, was " + maxEntries);
            ConfigChecks.require(maxBytes > 0, "cache.memory.maxBytes", "must be positive, was " + maxBytes);
            ConfigChecks.require(ttl.isPositive(), "cache.memory.ttl", "must be positive, was " + ttl);
        }
    }

    /**
     * @param tier          {@code auto} (Redis when {@code redisUrl} is set, else the database), {@code redis},
     *                      {@code database} (the store: SQLite in the data folder, or PostgreSQL) or {@code none}
     * @param redisUrl      e.g. {@code redis://127.0.0.1:6379}
     * @param ttl           how long an entry lives after it was written
     * @param timeoutMillis how long a Redis operation may take before the tier answers as if empty
     */
    public record Shared(String tier, String redisUrl, Duration ttl, Integer timeoutMillis) {
        static final Shared DEFAULT = new Shared(null, null, null, null);

        public Shared {
            tier = Objects.requireNonNullElse(tier, "auto");
            ConfigChecks.require(tier.equals("auto") || tier.equals("redis") || tier.equals("database")
                    || tier.equals("none"), "cache.shared.tier", "must be auto, redis, database or none, was " + tier);
            ConfigChecks.require(!tier.equals("redis") || redisUrl != null, "cache.shared.redisUrl",
                    "is required when cache.shared.tier is redis");
            ttl = Objects.requireNonNullElse(ttl, Duration.ofDays(30));
            timeoutMillis = Objects.requireNonNullElse(timeoutMillis, 250);
            ConfigChecks.require(ttl.isPositive(), "cache.shared.ttl", "must be positive, was " + ttl);
            ConfigChecks.require(timeoutMillis > 0, "cache.shared.timeoutMillis", "must be positive");
        }

        /** The tier {@code auto} stands for. */
        String resolvedTier() {
            return !tier.equals("auto") ? tier : redisUrl != null ? "redis" : "database";
        }
    }
}
