package dev.embedgate.server.cache;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embedgate.cache.EmbeddingCache;
import java.util.List;

/**
 * The cache in {@code /status}.
 *
 * @param enabled whether anything is cached
 * @param tiers   each tier, in the order it is read
 */
public record CacheStatus(boolean enabled, List<Tier> tiers) {

    public CacheStatus {
        tiers = List.copyOf(tiers);
    }

    /**
     * @param tier     the tier's name: {@code memory}, {@code redis} or {@code database}
     * @param healthy  whether its last operation succeeded
     * @param hits     lookups it answered since start
     * @param misses   lookups it could not answer
     * @param hitRatio hits over lookups; 0 before the first lookup
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tier(String tier, boolean healthy, long hits, long misses, double hitRatio) {

        static Tier of(EmbeddingCache.TierStats stats) {
            long lookups = stats.hits() + stats.misses();
            return new Tier(stats.tier(), stats.healthy(), stats.hits(), stats.misses(),
                    lookups == 0 ? 0.0 : (double) stats.hits() / lookups);
        }
    }
}
