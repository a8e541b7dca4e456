package dev.embedgate.redis;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.time.Duration;

/**
 * Rate-limit buckets kept in Redis (Bucket4j's compare-and-swap Lettuce back end), so that every EmbedGate
 * instance using the same Redis shares each provider's and each API key's budget. Owns its Redis client.
 */
public final class RedisBuckets implements AutoCloseable {

    private final RedisClient client;
    private final ProxyManager<byte[]> buckets;

    private RedisBuckets(RedisClient client, ProxyManager<byte[]> buckets) {
        this.client = client;
        this.buckets = buckets;
    }

    /**
     * @param redisUrl e.g. {@code redis://127.0.0.1:6379}
     * @throws RuntimeException when the URL is unusable or Redis cannot be reached now
     */
    public static RedisBuckets connect(String redisUrl) {
        RedisClient client = RedisClient.create(redisUrl);
        try {
            // Idle buckets expire from Redis a while after they would be full again.
            return new RedisBuckets(client, Bucket4jLettuce.casBasedBuilder(client)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                            Duration.ofMinutes(1)))
                    .build());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** Where the shared buckets are made, for {@link dev.embedgate.limits.BucketRateLimiter#shared}. */
    public ProxyManager<byte[]> buckets() {
        return buckets;
    }

    /** Whether Redis answers a ping within a second. */
    public boolean reachable() {
        try (var connection = client.connect()) {
            connection.setTimeout(Duration.ofSeconds(1));
            return "PONG".equals(connection.sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
