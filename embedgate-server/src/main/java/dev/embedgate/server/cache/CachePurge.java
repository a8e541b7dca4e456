package dev.embedgate.server.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code DELETE /admin/cache?space=ID} answers.
 *
 * @param space   the space whose entries were removed
 * @param removed entries removed per tier, in read order
 */
public record CachePurge(String space, Map<String, Long> removed) {

    public CachePurge {
        removed = Collections.unmodifiableMap(new LinkedHashMap<>(removed));
    }
}
