package dev.embedgate.server.api;

import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.EmbeddingCache;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /admin/cache}: every tier's hits, misses, health and entries per space. {@code DELETE
 * /admin/cache?space=ID}: removes every entry of one space from every tier.
 */
final class CacheAdminEndpoints {

    private final EmbeddingCache cache;
    private final ApiResponses responses;

    CacheAdminEndpoints(EmbeddingCache cache, ApiResponses responses) {
        this.cache = cache;
        this.responses = responses;
    }

    void inspect(Context ctx) {
        var tiers = new ArrayList<Map<String, Object>>();
        var stats = cache.stats();
        for (int i = 0; i < stats.size(); i++) {
            EmbeddingCache.TierStats tier = stats.get(i);
            CacheTier cacheTier = cache.tiers().get(i);
            var body = new LinkedHashMap<String, Object>();
            body.put("tier", tier.tier());
            body.put("healthy", tier.healthy());
            body.put("hits", tier.hits());
            body.put("misses", tier.misses());
            body.put("entries_by_space", cacheTier.countBySpace());
            tiers.add(body);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("enabled", cache.enabled());
        body.put("tiers", tiers);
        responses.json(ctx, 200, body);
    }

    void purge(Context ctx) {
        String space = ctx.queryParam("space");
        if (space == null || space.isBlank()) {
            responses.error(ctx, ApiError.invalidRequest(400, "name the space to purge: DELETE /admin/cache?space=<space id>"
                    + " (the id is in every answer's X-EmbedGate-Space header and in GET /admin/cache)", "missing_field"));
            return;
        }
        try {
            responses.json(ctx, 200, Map.of("space", space, "removed", cache.purge(space)));
        } catch (IllegalStateException e) {
            responses.error(ctx, new ApiError(503, e.getMessage(), "api_error", null, "cache_unavailable"));
        }
    }
}
