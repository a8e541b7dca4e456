package dev.embedgate.server.api;

import dev.embedgate.server.memory.SpacesService;
import io.javalin.http.Context;

/**
 * {@code GET /v1/spaces}: the stored memories' vectors by embedding space and namespace, and what is pending; a key
 * limited to namespaces sees only those.
 */
final class SpacesEndpoint {

    private final SpacesService spaces;
    private final ApiResponses responses;

    SpacesEndpoint(SpacesService spaces, ApiResponses responses) {
        this.spaces = spaces;
        this.responses = responses;
    }

    void list(Context ctx) {
        responses.json(ctx, 200, spaces.report(namespace -> ApiKeyAuth.mayUseNamespace(ctx, namespace)));
    }
}
