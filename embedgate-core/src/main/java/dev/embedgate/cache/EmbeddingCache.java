package dev.embedgate.cache;

import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.TokenIdDecoder;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Vectors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedding cache: tiers read through in order (in-process first, then shared), every write going to every
 * tier, hits in a later tier copied into the earlier ones. Per input, not per request: a request's cached texts
 * are answered from here and only the others go upstream. Concurrent identical misses are single-flighted: one
 * request embeds a text, the others wait for its vector. Thread-safe.
 */
public final class EmbeddingCache implements AutoCloseable {

    private final List<CacheTier> tiers;
    private final Map<CacheTier, TierCounters> counters = new LinkedHashMap<>();
    private final ConcurrentHashMap<CacheKey, CompletableFuture<CachedEmbedding>> inFlight = new ConcurrentHashMap<>();

    private final GatewayMetrics metrics;

    /**
     * @param tiers   the tiers in the order they are read, nearest first; none disables caching
     * @param metrics where each tier's hits and misses are reported
     */
    public EmbeddingCache(List<CacheTier> tiers, GatewayMetrics metrics) {
        this.tiers = List.copyOf(tiers);
        this.metrics = metrics;
        this.tiers.forEach(tier -> counters.put(tier, new TierCounters()));
    }

    /** A cache with no tiers: every input goes upstream. */
    public static EmbeddingCache disabled() {
        return new EmbeddingCache(List.of(), GatewayMetrics.NONE);
    }

    public boolean enabled() {
        return !tiers.isEmpty();
    }

    /**
     * Looks the request's inputs up in {@code space} and claims the misses no other request is embedding. The
     * caller must {@link CacheLookup#close close} the lookup, which hands claimed texts it never published back.
     *
     * @param cutFrom     a longer space of the same model whose vectors, cut to {@code space}'s length and scaled back
     *                    to unit length, are exactly {@code space}'s (a model whose shortening is truncation); its
     *                    entries answer the misses, and are stored under {@code space} too. Null when there is none
     * @param useCache    false when the caller opted out: nothing is read, written or shared
     * @param singleFlight false for background work: its misses are neither claimed nor waited for, so that an
     *                    online request never waits behind a background call held to its share of the limits
     */
    public CacheLookup lookup(EmbeddingSpace space, EmbeddingSpace cutFrom, EmbeddingRequest request, boolean useCache,
                              boolean singleFlight) {
        if (!enabled() || !useCache) {
            return CacheLookup.bypass(request.inputs().size());
        }
        var keys = new CacheKey[request.inputs().size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(space, request, space.dimensions(), i);
        }
        var distinct = new LinkedHashSet<>(List.of(keys));
        Map<CacheKey, CachedEmbedding> found = read(distinct);
        if (cutFrom != null && found.size() < distinct.size()) {
            found.putAll(cutFromLonger(cutFrom, space.dimensions(), request, keys, found));
        }
        return new CacheLookup(this, keys, found, request.truncate(), singleFlight);
    }

    /** The misses found in the longer space, cut to length; stored in every tier under their own keys. */
    private Map<CacheKey, CachedEmbedding> cutFromLonger(EmbeddingSpace longer, int dimensions, EmbeddingRequest request,
                                                         CacheKey[] keys, Map<CacheKey, CachedEmbedding> found) {
        var longerKeys = new LinkedHashMap<CacheKey, CacheKey>();
        for (int i = 0; i < keys.length; i++) {
            if (!found.containsKey(keys[i])) {
                longerKeys.putIfAbsent(key(longer, request, longer.dimensions(), i), keys[i]);
            }
        }
        Map<CacheKey, CachedEmbedding> longerEntries = read(longerKeys.keySet());
        var cut = new HashMap<CacheKey, CachedEmbedding>();
        longerEntries.forEach((longerKey, entry) -> cut.put(longerKeys.get(longerKey), new CachedEmbedding(
                Vectors.truncated(entry.vector(), dimensions), entry.tokens(), entry.truncated())));
        if (!cut.isEmpty()) {
            tiers.forEach(tier -> tier.putAll(cut));
        }
        return cut;
    }

    /**
     * A text's key; token ids share their decoded text's key only when they are its own encoding, since an OpenAI
     * model embeds the ids as sent, and other ids for the same text may embed otherwise.
     */
    private static CacheKey key(EmbeddingSpace space, EmbeddingRequest request, int dimensions, int input) {
        String text = request.inputs().get(input);
        if (request.isTokenInput() && !TokenIdDecoder.isCanonical(request.tokenIds().get(input), text)) {
            return CacheKey.ofTokenIds(space, request.inputType(), dimensions, request.tokenIds().get(input));
        }
        return CacheKey.of(space, request.inputType(), dimensions, text);
    }

    /** Reads through the tiers; hits in a later tier are copied into the earlier ones. */
    Map<CacheKey, CachedEmbedding> read(Collection<CacheKey> keys) {
        var found = new HashMap<CacheKey, CachedEmbedding>();
        var missing = new ArrayList<>(keys);
        for (int t = 0; t < tiers.size() && !missing.isEmpty(); t++) {
            CacheTier tier = tiers.get(t);
            Map<CacheKey, CachedEmbedding> hits = tier.getAll(missing);
            counters.get(tier).record(hits.size(), missing.size() - hits.size());
            metrics.cacheLookup(tier.name(), hits.size(), missing.size() - hits.size());
            if (!hits.isEmpty()) {
                found.putAll(hits);
                missing.removeAll(hits.keySet());
                for (int earlier = 0; earlier < t; earlier++) {
                    tiers.get(earlier).putAll(hits);
                }
            }
        }
        return found;
    }

    /** Whether a tier keeps entries past their TTL, to answer when every provider of their space failed. */
    boolean servesStale() {
        return tiers.stream().anyMatch(tier -> tier.staleFor().isPositive());
    }

    /**
     * The stale entries among {@code keys}, tier by tier in read order. Never copied into other tiers: a stale entry
     * must not become fresh by moving.
     */
    Map<CacheKey, CachedEmbedding> readStale(Collection<CacheKey> keys) {
        var found = new HashMap<CacheKey, CachedEmbedding>();
        var missing = new ArrayList<>(keys);
        for (int t = 0; t < tiers.size() && !missing.isEmpty(); t++) {
            Map<CacheKey, CachedEmbedding> stale = tiers.get(t).getStale(missing);
            found.putAll(stale);
            missing.removeAll(stale.keySet());
        }
        return found;
    }

    /** The nearest tier's entries among {@code keys}, read again (after a claim; see {@link CacheLookup}). */
    Map<CacheKey, CachedEmbedding> readNearest(Collection<CacheKey> keys) {
        return tiers.getFirst().getAll(keys);
    }

    /** Gives up a claim whose vector was found after all, handing it to the requests waiting for it. */
    void settle(CacheKey key, CompletableFuture<CachedEmbedding> claim, CachedEmbedding entry) {
        inFlight.remove(key, claim);
        claim.complete(entry);
    }

    /** Claims {@code key} for the caller unless another request is embedding it; returns that request's future. */
    CompletableFuture<CachedEmbedding> claim(CacheKey key, CompletableFuture<CachedEmbedding> mine) {
        return inFlight.putIfAbsent(key, mine);
    }

    /** The nearest tier first, so that waiting requests find the vector there; then the shared tiers. */
    void write(Map<CacheKey, CachedEmbedding> entries, Map<CacheKey, CompletableFuture<CachedEmbedding>> claimed) {
        if (entries.isEmpty()) {
            return;
        }
        tiers.getFirst().putAll(entries);
        entries.forEach((key, entry) -> {
            CompletableFuture<CachedEmbedding> future = claimed.remove(key);
            if (future != null) {
                settle(key, future, entry);
            }
        });
        for (int t = 1; t < tiers.size(); t++) {
            tiers.get(t).putAll(entries);
        }
    }

    /** Gives up claims that were never published: their waiters embed the texts themselves. */
    void release(Map<CacheKey, CompletableFuture<CachedEmbedding>> claimed) {
        claimed.forEach((key, future) -> {
            inFlight.remove(key, future);
            future.complete(null);
        });
        claimed.clear();
    }

    public List<CacheTier> tiers() {
        return tiers;
    }

    /** Hits and misses per tier since start, in read order. */
    public List<TierStats> stats() {
        return tiers.stream().map(tier -> counters.get(tier).snapshot(tier)).toList();
    }

    /** Removes every entry of the space from every tier; returns the count removed per tier. */
    public Map<String, Long> purge(String spaceId) {
        var removed = new LinkedHashMap<String, Long>();
        tiers.forEach(tier -> removed.put(tier.name(), tier.purge(spaceId)));
        return removed;
    }

    @Override
    public void close() {
        tiers.forEach(CacheTier::close);
    }

    /**
     * @param tier    the tier's name
     * @param hits    lookups it answered
     * @param misses  lookups it could not answer (passed to the next tier or upstream)
     * @param healthy whether its last operation succeeded
     */
    public record TierStats(String tier, long hits, long misses, boolean healthy) {
    }

    private static final class TierCounters {
        private final LongAdder hits = new LongAdder();
        private final LongAdder misses = new LongAdder();

        void record(int hitCount, int missCount) {
            hits.add(hitCount);
            misses.add(missCount);
        }

        TierStats snapshot(CacheTier tier) {
            return new TierStats(tier.name(), hits.sum(), misses.sum(), tier.healthy());
        }
    }
}
