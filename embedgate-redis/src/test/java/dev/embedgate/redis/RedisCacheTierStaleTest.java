package dev.embedgate.redis;

import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.CacheTierStaleContract;
import dev.embedgate.store.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Redis tier keeps entries past their TTL as the contract says, against a real Redis, whose own clock ages them:
 * time passes for real here, in steps of 300 ms.
 */
class RedisCacheTierStaleTest extends CacheTierStaleContract {

    @BeforeEach
    void redisAnswers() {
        TestServices.requireRedis();
    }

    @Override
    protected CacheTier tier(Duration ttl, Duration staleFor) {
        return new RedisCacheTier("redis://127.0.0.1:6379", ttl, staleFor, Duration.ofSeconds(1));
    }

    @Override
    protected void advance(Duration time) throws InterruptedException {
        Thread.sleep(time);
    }

    @Override
    protected Duration unit() {
        return Duration.ofMillis(300);
    }
}
