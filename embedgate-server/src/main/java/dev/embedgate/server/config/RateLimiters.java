package dev.embedgate.server.config;

import dev.embedgate.call.CallClock;
import dev.embedgate.limits.BucketRateLimiter;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.limits.RateLimit;
import dev.embedgate.redis.RedisBuckets;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.util.Optional;

/** Makes each provider's limiter: in-process buckets, or buckets in Redis shared by every instance. */
final class RateLimiters implements AutoCloseable {

    private static final String KEY_PREFIX = "embedgate:ratelimit:";

    private final RedisBuckets shared;
    private final ProxyManager<byte[]> redis;
    private final double backgroundShare;
    private final CallClock clock;

    private RateLimiters(RedisBuckets shared, double backgroundShare, CallClock clock) {
        this.shared = shared;
        this.redis = shared == null ? null : shared.buckets();
        this.backgroundShare = backgroundShare;
        this.clock = clock;
    }

    static RateLimiters from(RateLimitStore store) {
        return from(store, CallClock.SYSTEM);
    }

    /** @param clock what in-process buckets refill by (Redis buckets keep the system clock) */
    static RateLimiters from(RateLimitStore store, CallClock clock) {
        if (!store.shared()) {
            return new RateLimiters(null, store.backgroundShare(), clock);
        }
        try {
            return new RateLimiters(RedisBuckets.connect(store.redisUrl()), store.backgroundShare(), clock);
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
        return shared == null ? Optional.empty() : Optional.of(shared.reachable());
    }

    @Override
    public void close() {
        if (shared != null) {
            shared.close();
        }
    }
}
