package dev.embedgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.cache.CacheKey;
import dev.embedgate.cache.CachedEmbedding;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Pooling;
import dev.embedgate.store.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Redis tier against a real Redis: binary round trip, per-space listing and purging, and Redis going away. */
class RedisCacheTierTest {

    private static final String REDIS = "redis://127.0.0.1:6379";

    /** A space of its own per test, so that tests never see each other's entries in the shared Redis. */
    private static EmbeddingSpace freshSpace() {
        return new EmbeddingSpace("test/redis-" + UUID.randomUUID(), "v1", 4, Pooling.MEAN, true, 256, "", "");
    }

    @Test
    void storesVectorsAsTheyWereWithTheirTokensAndTruncation() {
        TestServices.requireRedis();
        EmbeddingSpace space = freshSpace();
        try (var tier = new RedisCacheTier(REDIS, Duration.ofMinutes(5), Duration.ofSeconds(1))) {
            CacheKey key = CacheKey.of(space, InputType.QUERY, 4, "exact floats");
            float[] vector = {0.1f, -0.2f, Float.MIN_VALUE, 1e-30f};
            tier.putAll(Map.of(key, new CachedEmbedding(vector, 7, true)));

            CachedEmbedding found = tier.getAll(List.of(key, CacheKey.of(space, InputType.QUERY, 4, "absent"))).get(key);

            assertThat(found.vector()).containsExactly(vector);
            assertThat(found.tokens()).isEqualTo(7);
            assertThat(found.truncated()).isTrue();
            assertThat(tier.healthy()).isTrue();
            tier.purge(space.id());
        }
    }

    @Test
    void countsAndPurgesOneSpaceOnly() {
        TestServices.requireRedis();
        EmbeddingSpace purged = freshSpace();
        EmbeddingSpace kept = freshSpace();
        try (var tier = new RedisCacheTier(REDIS, Duration.ofMinutes(5), Duration.ofSeconds(1))) {
            for (int i = 0; i < 3; i++) {
                tier.putAll(Map.of(CacheKey.of(purged, InputType.DOCUMENT, 4, "t" + i), new CachedEmbedding(new float[4], 1, false),
                        CacheKey.of(kept, InputType.DOCUMENT, 4, "t" + i), new CachedEmbedding(new float[4], 1, false)));
            }

            assertThat(tier.countBySpace()).containsEntry(purged.id(), 3L).containsEntry(kept.id(), 3L);
            assertThat(tier.purge(purged.id())).isEqualTo(3);
            assertThat(tier.countBySpace()).doesNotContainKey(purged.id()).containsEntry(kept.id(), 3L);
            tier.purge(kept.id());
        }
    }

    @Test
    void anUnreachableRedisAnswersEmptyQuicklyInsteadOfFailing() {
        EmbeddingSpace space = freshSpace();
        try (var tier = new RedisCacheTier("redis://127.0.0.1:1", Duration.ofMinutes(5), Duration.ofMillis(200))) {
            CacheKey key = CacheKey.of(space, InputType.DOCUMENT, 4, "x");
            long start = System.nanoTime();

            tier.putAll(Map.of(key, new CachedEmbedding(new float[4], 1, false)));
            Map<CacheKey, CachedEmbedding> found = tier.getAll(List.of(key));

            assertThat(found).isEmpty();
            assertThat(tier.healthy()).isFalse();
            assertThat(tier.ping()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
