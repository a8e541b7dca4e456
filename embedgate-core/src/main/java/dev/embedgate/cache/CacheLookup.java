package dev.embedgate.cache;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * One request's view of the cache: which inputs were found, which this request must embed (it claimed them),
 * and which another request is embedding right now. Results are kept by input position, so that partial hits
 * come back in input order with the right indexes; an input repeated within the request is embedded once.
 * Used by one request at a time; {@link #close} must follow.
 */
public final class CacheLookup implements AutoCloseable {

    /** A waiter gives up on the request it follows after this long and embeds the text itself. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final EmbeddingCache cache;
    private final CacheKey[] keys;
    private final boolean truncationAllowed;
    private final CachedEmbedding[] entries;
    private final boolean[] fromCache;
    private final boolean[] stale;
    private final Map<CacheKey, List<Integer>> positionsOfMisses = new LinkedHashMap<>();
    private final Map<CacheKey, CompletableFuture<CachedEmbedding>> claimed = new HashMap<>();
    private final Map<CacheKey, CompletableFuture<CachedEmbedding>> awaited = new HashMap<>();

    /** @param singleFlight whether to claim misses (and wait for other requests' claims) or embed them all itself */
    CacheLookup(EmbeddingCache cache, CacheKey[] keys, Map<CacheKey, CachedEmbedding> found, boolean truncationAllowed,
                boolean singleFlight) {
        this.cache = cache;
        this.keys = keys;
        this.truncationAllowed = truncationAllowed;
        this.entries = new CachedEmbedding[keys.length];
        this.fromCache = new boolean[keys.length];
        this.stale = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            CachedEmbedding entry = found.get(keys[i]);
            if (usable(entry)) {
                entries[i] = entry;
                fromCache[i] = true;
            } else {
                positionsOfMisses.computeIfAbsent(keys[i], key -> new ArrayList<>()).add(i);
            }
        }
        for (CacheKey key : positionsOfMisses.keySet()) {
            var mine = new CompletableFuture<CachedEmbedding>();
            CompletableFuture<CachedEmbedding> theirs = singleFlight ? cache.claim(key, mine) : null;
            if (theirs == null) {
                claimed.put(key, mine);
            } else {
                awaited.put(key, theirs);
            }
        }
        if (!claimed.isEmpty()) {
            takeLatePublications();
        }
    }

    /**
     * A request embedding one of the claimed texts may have published it between this request's read and its
     * claim; its vector is then in the nearest tier (published there before the claim is given up), so it is
     * taken from there rather than embedded again.
     */
    private void takeLatePublications() {
        cache.readNearest(List.copyOf(claimed.keySet())).forEach((key, entry) -> {
            if (usable(entry)) {
                positionsOfMisses.remove(key).forEach(position -> {
                    entries[position] = entry;
                    fromCache[position] = true;
                });
                cache.settle(key, claimed.remove(key), entry);
            }
        });
    }

    /** Every input is a miss, nothing is read, written or shared. */
    static CacheLookup bypass(int inputs) {
        return new CacheLookup(inputs);
    }

    private CacheLookup(int inputs) {
        this.cache = null;
        this.keys = null;
        this.truncationAllowed = true;
        this.entries = new CachedEmbedding[inputs];
        this.fromCache = new boolean[inputs];
        this.stale = new boolean[inputs];
    }

    /** Whether results are stored and shared (false when bypassed). */
    private boolean caching() {
        return cache != null;
    }

    /** The positions this request must embed: one per distinct text it claimed, in input order. */
    public int[] toEmbed() {
        if (!caching()) {
            return IntStream.range(0, entries.length).toArray();
        }
        return positionsOfMisses.entrySet().stream().filter(e -> claimed.containsKey(e.getKey()))
                .mapToInt(e -> e.getValue().getFirst()).toArray();
    }

    /** Vectors this request embedded, by position: stored in every tier and handed to the requests waiting. */
    public void publish(Map<Integer, CachedEmbedding> byPosition) {
        var byKey = new HashMap<CacheKey, CachedEmbedding>();
        byPosition.forEach((position, entry) -> {
            entries[position] = entry;
            if (caching()) {
                byKey.put(keys[position], entry);
                positionsOfMisses.getOrDefault(keys[position], List.of()).forEach(same -> entries[same] = entry);
            }
        });
        if (caching()) {
            cache.write(byKey, claimed);
        }
    }

    /**
     * Waits for the texts other requests are embedding. Returns the positions whose vectors did not come (that
     * request failed, or its vector does not fit this one): this request embeds them itself, then publishes them.
     */
    public int[] awaitOthers() {
        var orphans = new ArrayList<Integer>();
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        for (var wait : awaited.entrySet()) {
            CachedEmbedding entry = await(wait.getValue(), deadline);
            List<Integer> positions = positionsOfMisses.get(wait.getKey());
            if (usable(entry)) {
                positions.forEach(position -> {
                    entries[position] = entry;
                    fromCache[position] = true;
                });
            } else {
                orphans.add(positions.getFirst());
            }
        }
        awaited.clear();
        return orphans.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static CachedEmbedding await(CompletableFuture<CachedEmbedding> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /**
     * Every provider failed: answers each position still without a vector from a stale entry of its key (same space,
     * input type, dimensions and text), if every one of them has one; else changes nothing. Stale entries are not
     * published: they stay stale, and a request that waits for this one's claims embeds its texts itself.
     *
     * @return whether every position now has a vector
     */
    public boolean fillFromStale() {
        if (!caching() || !cache.servesStale()) {
            return false;
        }
        var missing = new LinkedHashMap<CacheKey, List<Integer>>();
        for (int position = 0; position < entries.length; position++) {
            if (entries[position] == null) {
                missing.computeIfAbsent(keys[position], key -> new ArrayList<>()).add(position);
            }
        }
        if (missing.isEmpty()) {
            return true;
        }
        Map<CacheKey, CachedEmbedding> found = cache.readStale(missing.keySet());
        if (!missing.keySet().stream().allMatch(key -> usable(found.get(key)))) {
            return false;
        }
        missing.forEach((key, positions) -> positions.forEach(position -> {
            entries[position] = found.get(key);
            fromCache[position] = true;
            stale[position] = true;
        }));
        return true;
    }

    /** Positions answered from stale entries ({@link #fillFromStale}), in input order. */
    public List<Integer> staleIndexes() {
        return IntStream.range(0, stale.length).filter(position -> stale[position]).boxed().toList();
    }

    private boolean usable(CachedEmbedding entry) {
        return entry != null && (truncationAllowed || !entry.truncated());
    }

    /** Every position's result; null where nothing was found or published. */
    public CachedEmbedding entry(int position) {
        return entries[position];
    }

    public int size() {
        return entries.length;
    }

    /**
     * Inputs answered without an upstream call of this request: found in a tier (stale entries included), or embedded
     * by another request.
     */
    public int hits() {
        int hits = 0;
        for (boolean hit : fromCache) {
            hits += hit ? 1 : 0;
        }
        return hits;
    }

    /** Upstream tokens the hits did not cost. */
    public long savedTokens() {
        long saved = 0;
        for (int i = 0; i < entries.length; i++) {
            saved += fromCache[i] ? entries[i].tokens() : 0;
        }
        return saved;
    }

    /** Hands back claims that were never published, so that their waiters embed the texts themselves. */
    @Override
    public void close() {
        if (caching()) {
            cache.release(claimed);
        }
    }
}
