package dev.embedgate.server.api;

import dev.embedgate.server.cache.CacheService;
import io.javalin.http.Context;

/**
 * {@code GET /admin/cache}: every tier's hits, misses, health and entries per space. {@code DELETE
 * /admin/cache?space=ID}: removes every entry of one space from every tier.
 */
final class CacheAdminEndpoints {

    private final CacheService cache;
    private final ApiResponses responses;

    CacheAdminEndpoints(CacheService cache, ApiResponses responses) {
        this.cache = cache;
        this.responses = responses;
    }

    void inspect(Context ctx) {
        responses.json(ctx, 200, cache.contents());
    }

    void purge(Context ctx) {
        String space = ctx.queryParam("space");
        if (space == null || space.isBlank()) {
            responses.error(ctx, ApiError.invalidRequest(400, "name the space to purge: DELETE /admin/cache?space=<space id>"
                    + " (the id is in every answer's X-EmbedGate-Space header and in GET /admin/cache)", "missing_field"));
            return;
        }
        try {
            responses.json(ctx, 200, cache.purge(space));
        } catch (IllegalStateException e) {
            responses.error(ctx, new ApiError(503, e.getMessage(), "api_error", null, "cache_unavailable"));
        }
    }
}
