package dev.embedgate.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The in-process tier (L1): Caffeine, bounded by entries and by bytes at once, entries fresh for a fixed time after
 * they were written, then kept as stale for {@code staleFor} (if any) before they expire.
 */
public final class MemoryCacheTier implements CacheTier {

    /** Bytes an entry takes besides its floats (key, digest, entry and array headers), roughly. */
    private static final int ENTRY_OVERHEAD_BYTES = 160;

    private final Cache<CacheKey, CachedEmbedding> entries;
    private final long ttlNanos;
    private final Duration staleFor;
    /** How old each entry is; null when no entry outlives its TTL (every entry present is fresh). */
    private final Policy.FixedExpiration<CacheKey, CachedEmbedding> ages;

    /** Entries fresh for {@code ttl}, none kept stale, on the system clock. */
    public MemoryCacheTier(long maxEntries, long maxBytes, Duration ttl) {
        this(maxEntries, maxBytes, ttl, Duration.ZERO, Clock.systemUTC());
    }

    /**
     * Caffeine bounds by one weight only, so each entry weighs at least {@code maxBytes / maxEntries}: the total
     * then stays under {@code maxBytes}, which keeps the count under {@code maxEntries} too. Stale entries count
     * against both bounds like fresh ones.
     *
     * @param staleFor how long an entry is kept after {@code ttl} to answer when every provider failed (zero: none)
     * @param clock    the time entries age by
     */
    public MemoryCacheTier(long maxEntries, long maxBytes, Duration ttl, Duration staleFor, Clock clock) {
        if (maxEntries <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("the memory cache needs positive bounds, was " + maxEntries + " entries, "
                    + maxBytes + " bytes");
        }
        if (staleFor.isNegative()) {
            throw new IllegalArgumentException("staleFor must not be negative, was " + staleFor);
        }
        long minWeight = Math.max(1, maxBytes / maxEntries);
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, CachedEmbedding value) ->
                        (int) Math.min(Integer.MAX_VALUE, Math.max(minWeight, value.vectorBytes() + ENTRY_OVERHEAD_BYTES)))
                .expireAfterWrite(ttl.plus(staleFor))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.ttlNanos = ttl.toNanos();
        this.staleFor = staleFor;
        this.ages = staleFor.isZero() ? null : entries.policy().expireAfterWrite().orElseThrow();
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Map<CacheKey, CachedEmbedding> getAll(Collection<CacheKey> keys) {
        return read(keys, false);
    }

    @Override
    public Map<CacheKey, CachedEmbedding> getStale(Collection<CacheKey> keys) {
        return ages == null ? Map.of() : read(keys, true);
    }

    private Map<CacheKey, CachedEmbedding> read(Collection<CacheKey> keys, boolean stale) {
        var found = new HashMap<CacheKey, CachedEmbedding>();
        for (CacheKey key : keys) {
            CachedEmbedding entry = entries.getIfPresent(key);
            if (entry != null && fresh(key) != stale) {
                found.put(key, entry);
            }
        }
        return found;
    }

    private boolean fresh(CacheKey key) {
        return ages == null || ages.ageOf(key, TimeUnit.NANOSECONDS).orElse(Long.MAX_VALUE) < ttlNanos;
    }

    @Override
    public void putAll(Map<CacheKey, CachedEmbedding> values) {
        entries.putAll(values);
    }

    @Override
    public Duration staleFor() {
        return staleFor;
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

    /** Entries held now, stale ones included (for tests and status). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
