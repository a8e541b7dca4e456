package dev.embedgate.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-process tier (L1): Caffeine, bounded by entries and by bytes at once, entries expiring a fixed time after
 * they were written.
 */
public final class MemoryCacheTier implements CacheTier {

    /** Bytes an entry takes besides its floats (key, digest, entry and array headers), roughly. */
    private static final int ENTRY_OVERHEAD_BYTES = 160;

    private final Cache<CacheKey, CachedEmbedding> entries;

    /**
     * Caffeine bounds by one weight only, so each entry weighs at least {@code maxBytes / maxEntries}: the total
     * then stays under {@code maxBytes}, which keeps the count under {@code maxEntries} too.
     */
    public MemoryCacheTier(long maxEntries, long maxBytes, Duration ttl) {
        if (maxEntries <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("the memory cache needs positive bounds, was " + maxEntries + " entries, "
                    + maxBytes + " bytes");
        }
        long minWeight = Math.max(1, maxBytes / maxEntries);
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, CachedEmbedding value) ->
                        (int) Math.min(Integer.MAX_VALUE, Math.max(minWeight, value.vectorBytes() + ENTRY_OVERHEAD_BYTES)))
                .expireAfterWrite(ttl)
                .build();
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Map<CacheKey, CachedEmbedding> getAll(Collection<CacheKey> keys) {
        var found = new HashMap<CacheKey, CachedEmbedding>();
        for (CacheKey key : keys) {
            CachedEmbedding entry = entries.getIfPresent(key);
            if (entry != null) {
                found.put(key, entry);
            }
        }
        return found;
    }

    @Override
    public void putAll(Map<CacheKey, CachedEmbedding> values) {
        entries.putAll(values);
    }

    @Override
    public Map<String, Long> countBySpace() {
        var counts = new TreeMap<String, Long>();
        entries.asMap().keySet().forEach(key -> counts.merge(key.spaceId(), 1L, Long::sum));
        return counts;
    }

    @Override
    public long purge(String spaceId) {
        long removed = 0;
        for (var keys = entries.asMap().keySet().iterator(); keys.hasNext(); ) {
            if (keys.next().spaceId().equals(spaceId)) {
                keys.remove();
                removed++;
            }
        }
        return removed;
    }

    /** Entries held now (for tests and status). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
