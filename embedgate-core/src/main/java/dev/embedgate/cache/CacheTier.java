package dev.embedgate.cache;

import java.util.Collection;
import java.util.Map;

/**
 * One level of the embedding cache (in-process, Redis, a database table). Implementations are thread-safe. A
 * tier that cannot be reached answers as if empty and drops writes; it never fails the request (the caller's
 * vectors can always come from the provider instead), and it says so through {@link #healthy()}.
 */
public interface CacheTier extends AutoCloseable {

    /** A short name for status and metrics: {@code memory}, {@code redis}, {@code database}. */
    String name();

    /** The entries present among {@code keys}; missing keys are absent from the map. */
    Map<CacheKey, CachedEmbedding> getAll(Collection<CacheKey> keys);

    /** Stores the entries, replacing any under the same keys. */
    void putAll(Map<CacheKey, CachedEmbedding> entries);

    /** Entries held per space id (approximate for tiers that expire entries lazily). */
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
