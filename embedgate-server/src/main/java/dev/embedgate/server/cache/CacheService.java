package dev.embedgate.server.cache;

import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.EmbeddingCache;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedding cache as operators see it: each tier's counters (for {@code /status}), what each tier holds per
 * space (for {@code GET /admin/cache}), and purging one space (for {@code DELETE /admin/cache}). Thread-safe.
 */
public final class CacheService {

    private final EmbeddingCache cache;

    public CacheService(EmbeddingCache cache) {
        this.cache = cache;
    }

    /** Hits, misses and health per tier since start, in read order. */
    public CacheStatus status() {
        return new CacheStatus(cache.enabled(), cache.stats().stream().map(CacheStatus.Tier::of).toList());
    }

    /** Each tier's counters and entries per space, in read order. */
    public CacheContents contents() {
        List<EmbeddingCache.TierStats> stats = cache.stats();
        List<CacheTier> tiers = cache.tiers();
        var contents = new ArrayList<CacheContents.Tier>(stats.size());
        for (int i = 0; i < stats.size(); i++) {
            EmbeddingCache.TierStats tier = stats.get(i);
            contents.add(new CacheContents.Tier(tier.tier(), tier.healthy(), tier.hits(), tier.misses(),
                    tiers.get(i).countBySpace()));
        }
        return new CacheContents(cache.enabled(), contents);
    }

    /**
     * Removes every entry of the space from every tier.
     *
     * @throws IllegalStateException when a tier cannot be reached
     */
    public CachePurge purge(String spaceId) {
        return new CachePurge(spaceId, cache.purge(spaceId));
    }
}
