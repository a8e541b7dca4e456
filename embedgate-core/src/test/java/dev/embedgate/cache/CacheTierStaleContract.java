package dev.embedgate.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Pooling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every cache tier does with entries past their TTL, for serving stale on error: within the TTL an entry is
 * fresh ({@link CacheTier#getAll}), for {@code staleFor} after it stale ({@link CacheTier#getStale} only), then
 * gone; with {@code staleFor} zero nothing outlives the TTL. A tier's test extends this with the tier and a way to
 * let time pass.
 */
public abstract class CacheTierStaleContract {

    private final List<CacheTier> opened = new ArrayList<>();
    /** A space of its own per test, so that tests sharing a Redis never see each other's entries. */
    private final EmbeddingSpace space = new EmbeddingSpace("test/stale-" + UUID.randomUUID(), "v1", 4, Pooling.MEAN,
            true, 256, "", "");

    /** A tier whose entries are fresh for {@code ttl}, then kept stale for {@code staleFor}. */
    protected abstract CacheTier tier(Duration ttl, Duration staleFor);

    /** Lets {@code time} pass for every tier {@link #tier} made. */
    protected abstract void advance(Duration time) throws InterruptedException;

    /** The time step of these tests: long on a clock that moves when told, short where time is real (Redis). */
    protected Duration unit() {
        return Duration.ofHours(1);
    }

    /** Releases what the tiers stood on (their databases), once they are purged and closed. */
    protected void afterTiersClosed() {
    }

    @AfterEach
    void closeTiers() {
        opened.forEach(tier -> {
            tier.purge(space.id());
            tier.close();
        });
        afterTiersClosed();
    }

    private CacheTier opened(Duration ttl, Duration staleFor) {
        CacheTier tier = tier(ttl, staleFor);
        opened.add(tier);
        return tier;
    }

    private CacheKey key(String text) {
        return CacheKey.of(space, InputType.DOCUMENT, 4, text);
    }

    private static CachedEmbedding entry(float first) {
        return new CachedEmbedding(new float[] {first, 0.5f, -0.5f, 0.25f}, 7, true);
    }

    @Test
    void anEntryWithinItsTtlIsFreshAndNotStale() throws InterruptedException {
        CacheTier tier = opened(unit().multipliedBy(2), unit().multipliedBy(2));
        CacheKey key = key("fresh");
        tier.putAll(Map.of(key, entry(1)));

        advance(unit());

        assertThat(tier.getAll(List.of(key))).containsOnlyKeys(key);
        assertThat(tier.getStale(List.of(key))).isEmpty();
    }

    @Test
    void anEntryPastItsTtlIsStaleUntilStaleForHasPassedThenGone() throws InterruptedException {
        CacheTier tier = opened(unit().multipliedBy(2), unit().multipliedBy(2));
        CacheKey key = key("ageing");
        tier.putAll(Map.of(key, entry(2)));

        advance(unit().multipliedBy(3));
        Map<CacheKey, CachedEmbedding> fresh = tier.getAll(List.of(key));
        Map<CacheKey, CachedEmbedding> stale = tier.getStale(List.of(key, key("never stored")));
        advance(unit().multipliedBy(2));

        assertThat(fresh).isEmpty();
        assertThat(stale).containsOnlyKeys(key);
        assertThat(stale.get(key).vector()).containsExactly(entry(2).vector());
        assertThat(stale.get(key).tokens()).isEqualTo(7);
        assertThat(stale.get(key).truncated()).isTrue();
        assertThat(tier.getAll(List.of(key))).isEmpty();
        assertThat(tier.getStale(List.of(key))).as("past staleFor").isEmpty();
    }

    @Test
    void withoutStaleForNothingOutlivesTheTtl() throws InterruptedException {
        CacheTier tier = opened(unit().multipliedBy(2), Duration.ZERO);
        CacheKey key = key("short-lived");
        tier.putAll(Map.of(key, entry(3)));

        advance(unit().multipliedBy(3));

        assertThat(tier.staleFor()).isZero();
        assertThat(tier.getAll(List.of(key))).isEmpty();
        assertThat(tier.getStale(List.of(key))).isEmpty();
    }

    @Test
    void aStaleEntryWrittenAgainIsFreshAgain() throws InterruptedException {
        CacheTier tier = opened(unit().multipliedBy(2), unit().multipliedBy(2));
        CacheKey key = key("rewritten");
        tier.putAll(Map.of(key, entry(4)));
        advance(unit().multipliedBy(3));

        tier.putAll(Map.of(key, entry(5)));

        assertThat(tier.getAll(List.of(key)).get(key).vector()).containsExactly(entry(5).vector());
        assertThat(tier.getStale(List.of(key))).isEmpty();
    }

    @Test
    void aStaleEntryAnswersOnlyItsOwnSpaceEvenAtEqualDimensions() throws InterruptedException {
        CacheTier tier = opened(unit().multipliedBy(2), unit().multipliedBy(2));
        var other = new EmbeddingSpace(space.model() + "-other", "v1", 4, Pooling.MEAN, true, 256, "", "");
        tier.putAll(Map.of(CacheKey.of(other, InputType.DOCUMENT, 4, "same text"), entry(6)));
        advance(unit().multipliedBy(3));

        assertThat(tier.getStale(List.of(key("same text")))).isEmpty();
        tier.purge(other.id());
    }
}
