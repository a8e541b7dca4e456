package dev.embedgate.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * One level of the embedding cache (in-process, Redis, a database table). Implementations are thread-safe. A
 * tier that cannot be reached answers as if empty and drops writes; it never fails the request (the caller's
 * vectors can always come from the provider instead), and it says so through {@link #healthy()}.
 * <p>
 * An entry is fresh for the tier's TTL after it was written. With a positive {@link #staleFor()}, the tier keeps it
 * that much longer as <em>stale</em>: never answered by {@link #getAll}, only by {@link #getStale}, which the
 * pipeline reads when every provider of the entry's space failed.
 */
public interface CacheTier extends AutoCloseable {

    /** A short name for status and metrics: {@code memory}, {@code redis}, {@code database}. */
    String name();

    /** The fresh entries present among {@code keys}; missing and stale keys are absent from the map. */
    Map<CacheKey, CachedEmbedding> getAll(Collection<CacheKey> keys);

    /** The stale entries among {@code keys}: past their TTL, within {@link #staleFor()} after it. */
    Map<CacheKey, CachedEmbedding> getStale(Collection<CacheKey> keys);

    /** How long an entry is kept after its TTL to answer when every provider failed; zero keeps none. */
    Duration staleFor();

    /** Stores the entries, replacing any under the same keys. */
    void putAll(Map<CacheKey, CachedEmbedding> entries);

    /** Entries held per space id, stale ones included (approximate for tiers that expire entries lazily). */
    Map<String, Long> countBySpace();

    /** Removes every entry of the space; returns how many were removed. */
    long purge(String spaceId);

    /** Whether the tier answered its last operation. */
    default boolean healthy() {
        return true;
    }

    /** Checks that the tier answers now (for readiness), reconnecting if it has to. */
    default boolean probe() {
        return healthy();
    }

    @Override
    default void close() {
    }
}
