package dev.embedgate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Pooling;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-process tier stays within both of its bounds and forgets entries after their TTL. */
class MemoryCacheTierTest {

    private static final EmbeddingSpace SPACE = new EmbeddingSpace("test/model", "v1", 384, Pooling.MEAN, true, 256, "", "");
    private static final int ENTRY_BYTES = 384 * Float.BYTES + 160;

    private static void fill(MemoryCacheTier tier, int count) {
        for (int i = 0; i < count; i++) {
            tier.putAll(Map.of(CacheKey.of(SPACE, InputType.DOCUMENT, 384, "text " + i),
                    new CachedEmbedding(new float[384], 3, false)));
        }
    }

    @Test
    void holdsNoMoreThanItsEntryBoundWhenBytesAllowMore() {
        var tier = new MemoryCacheTier(50, 1L << 30, Duration.ofHours(1));
        fill(tier, 500);

        assertThat(tier.size()).isLessThanOrEqualTo(50).isPositive();
    }

    @Test
    void holdsNoMoreThanItsByteBoundWhenEntriesAllowMore() {
        var tier = new MemoryCacheTier(1_000_000, 20L * ENTRY_BYTES, Duration.ofHours(1));
        fill(tier, 500);

        assertThat(tier.size()).isLessThanOrEqualTo(20).isPositive();
    }

    @Test
    void forgetsEntriesAfterTheirTtl() throws InterruptedException {
        var tier = new MemoryCacheTier(100, 1L << 20, Duration.ofMillis(50));
        CacheKey key = CacheKey.of(SPACE, InputType.DOCUMENT, 384, "brief");
        tier.putAll(Map.of(key, new CachedEmbedding(new float[384], 1, false)));
        assertThat(tier.getAll(List.of(key))).containsKey(key);

        Thread.sleep(120);

        assertThat(tier.getAll(List.of(key))).isEmpty();
    }

    @Test
    void keysDifferByInputTypeDimensionsAndTextButNotByAnythingElse() {
        CacheKey key = CacheKey.of(SPACE, InputType.DOCUMENT, 384, "text");

        assertThat(CacheKey.of(SPACE, InputType.DOCUMENT, 384, "text")).isEqualTo(key);
        assertThat(CacheKey.of(SPACE, InputType.QUERY, 384, "text")).isNotEqualTo(key);
        assertThat(CacheKey.of(SPACE, InputType.DOCUMENT, 256, "text")).isNotEqualTo(key);
        assertThat(CacheKey.of(SPACE, InputType.DOCUMENT, 384, "text ")).isNotEqualTo(key);
        assertThat(CacheKey.of(SPACE.withMaxTokens(512), InputType.DOCUMENT, 384, "text")).isNotEqualTo(key);
        assertThat(CacheKey.fromHex(SPACE.id(), key.hex())).isEqualTo(key);
    }
}
