package dev.embedgate.server.config;

import dev.embedgate.call.CallClock;
import dev.embedgate.limits.BucketRateLimiter;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.limits.RateLimit;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.Optional;

/** Makes each provider's limiter: in-process buckets, or buckets in Redis shared by every instance. */
final class RateLimiters implements AutoCloseable {

    private static final String KEY_PREFIX = "embedgate:ratelimit:";

    private final RedisClient client;
    private final ProxyManager<byte[]> redis;
    private final double backgroundShare;
    private final CallClock clock;

    private RateLimiters(RedisClient client, ProxyManager<byte[]> redis, double backgroundShare, CallClock clock) {
        this.client = client;
        this.redis = redis;
        this.backgroundShare = backgroundShare;
        this.clock = clock;
    }

    static RateLimiters from(RateLimitStore store) {
        return from(store, CallClock.SYSTEM);
    }

    /** @param clock what in-process buckets refill by (Redis buckets keep the system clock) */
    static RateLimiters from(RateLimitStore store, CallClock clock) {
        if (!store.shared()) {
            return new RateLimiters(null, null, store.backgroundShare(), clock);
        }
        try {
            RedisClient client = RedisClient.create(store.redisUrl());
            // Idle buckets expire from Redis a while after they would be full again.
            return new RateLimiters(client, Bucket4jLettuce.casBasedBuilder(client)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build(), store.backgroundShare(), clock);
        } catch (RuntimeException e) {
            throw new ConfigException("rateLimits.redisUrl: cannot use Redis at " + store.redisUrl() + ": " + e.getMessage(), e);
        }
    }

    /** @param share the provider's own background share, or null for the configured default */
    ProviderRateLimiter forProvider(String provider, RateLimit limit, Double share) {
        double background = share == null ? backgroundShare : share;
        return redis == null ? BucketRateLimiter.local(limit, background, clock)
                : BucketRateLimiter.shared(limit, background, redis, KEY_PREFIX + provider);
    }

    /** A gateway API key's own limit: a whole minute's budget, shared by every instance when the store is Redis. */
    ProviderRateLimiter forApiKey(String keyId, RateLimit limit) {
        return redis == null ? BucketRateLimiter.exact(limit)
                : BucketRateLimiter.sharedExact(limit, redis, KEY_PREFIX + "key:" + keyId);
    }

    /** Whether the shared store answers now; empty when the buckets are in this process. */
    Optional<Boolean> sharedStoreReachable() {
        if (client == null) {
            return Optional.empty();
        }
        try (var connection = client.connect()) {
            connection.setTimeout(Duration.ofSeconds(1));
            return Optional.of("PONG".equals(connection.sync().ping()));
        } catch (RuntimeException e) {
            return Optional.of(false);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.shutdown();
        }
    }
}
