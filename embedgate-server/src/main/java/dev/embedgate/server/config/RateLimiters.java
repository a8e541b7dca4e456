package dev.embedgate.server.config;

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

    private RateLimiters(RedisClient client, ProxyManager<byte[]> redis) {
        this.client = client;
        this.redis = redis;
    }

    static RateLimiters from(RateLimitStore store) {
        if (!store.shared()) {
            return new RateLimiters(null, null);
        }
        try {
            RedisClient client = RedisClient.create(store.redisUrl());
            // Idle buckets expire from Redis a while after they would be full again.
            return new RateLimiters(client, Bucket4jLettuce.casBasedBuilder(client)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build());
        } catch (RuntimeException e) {
            throw new ConfigException("rateLimits.redisUrl: cannot use Redis at " + store.redisUrl() + ": " + e.getMessage(), e);
        }
    }

    ProviderRateLimiter forProvider(String provider, RateLimit limit) {
        return redis == null ? BucketRateLimiter.local(limit) : BucketRateLimiter.shared(limit, redis, KEY_PREFIX + provider);
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
