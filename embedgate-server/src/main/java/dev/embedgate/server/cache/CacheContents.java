package dev.embedgate.server.cache;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /admin/cache} answers: each tier's counters and entries per space.
 *
 * @param enabled whether anything is cached
 * @param tiers   each tier, in the order it is read
 */
public record CacheContents(boolean enabled, List<Tier> tiers) {

    public CacheContents {
        tiers = List.copyOf(tiers);
    }

    /**
     * @param tier           the tier's name
     * @param healthy        whether its last operation succeeded
     * @param hits           lookups it answered since start
     * @param misses         lookups it could not answer
     * @param entriesBySpace entries held per space id (approximate for tiers that expire entries lazily)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tier(String tier, boolean healthy, long hits, long misses, Map<String, Long> entriesBySpace) {

        public Tier {
            entriesBySpace = Collections.unmodifiableMap(new LinkedHashMap<>(entriesBySpace));
        }
    }
}
