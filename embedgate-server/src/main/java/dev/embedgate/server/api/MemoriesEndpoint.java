package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.embedgate.memory.Memory;
import dev.embedgate.memory.MemoryService;
import dev.embedgate.memory.SavedMemory;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The memory API: {@code POST /v1/memories} (one or a batch), {@code GET|PATCH|DELETE /v1/memories/{id}}
 * ({@code ?namespace=}), {@code POST /v1/memories/delete} (by filter) and {@code POST /v1/memories/search}.
 * Translation only: the {@link MemoryService} does the work.
 */
final class MemoriesEndpoint {

    private final MemoryService memory;
    private final MemoryRequests requests;
    private final ObjectReader reader;
    private final RequestBodyReader bodies;
    private final ApiResponses responses;

    MemoriesEndpoint(MemoryService memory, ObjectMapper json, RequestBodyReader bodies, ApiResponses responses) {
        this.memory = memory;
        this.requests = new MemoryRequests(json);
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.bodies = bodies;
        this.responses = responses;
    }

    void save(Context ctx) throws IOException {
        MemoryRequests.Save save = requests.save(body(ctx, "'content' or 'memories'"));
        save.memories().forEach(each -> requireAccess(ctx, orDefault(each.namespace())));
        List<SavedMemory> saved;
        try (var watch = ClientDisconnectWatch.start(ctx)) {
            saved = memory.save(save.memories(), ApiKeyAuth.caller(ctx), save.embedNow());
        }
        List<MemoryViews.SavedView> views = saved.stream().map(MemoryViews.SavedView::of).toList();
        responses.json(ctx, 200, save.single() ? views.getFirst() : MemoryViews.ListView.of(views));
    }

    void get(Context ctx) {
        found(ctx, memory.get(requireAccess(ctx, namespace(ctx)), id(ctx)));
    }

    void patch(Context ctx) throws IOException {
        var patch = requests.patch(body(ctx, "'metadata' or 'importance'"));
        found(ctx, memory.update(requireAccess(ctx, namespace(ctx)), id(ctx), patch));
    }

    void delete(Context ctx) {
        String namespace = requireAccess(ctx, namespace(ctx));
        String id = id(ctx);
        if (!memory.delete(namespace, id)) {
            throw notFound(namespace, id);
        }
        responses.json(ctx, 200, new MemoryViews.DeletedView("memory.deleted", id, namespace, true));
    }

    void deleteWhere(Context ctx) throws IOException {
        JsonNode root = body(ctx, "'filter'");
        String namespace = requireAccess(ctx, orDefault(JsonFields.string(root, "namespace", "namespace")));
        long deleted = memory.deleteWhere(namespace, requests.filter(root));
        responses.json(ctx, 200, new MemoryViews.DeletedManyView("memory.deleted_many", namespace, deleted));
    }

    void search(Context ctx) throws IOException {
        var request = requests.recall(body(ctx, "'query' (or 'vector' and 'space')"));
        requireAccess(ctx, orDefault(request.namespace()));
        try (var watch = ClientDisconnectWatch.start(ctx)) {
            responses.json(ctx, 200, MemoryViews.RecallView.of(memory.recall(request, ApiKeyAuth.caller(ctx))));
        }
    }

    private void found(Context ctx, Optional<Memory> found) {
        Memory memory = found.orElseThrow(() -> notFound(namespace(ctx), id(ctx)));
        responses.json(ctx, 200, MemoryViews.MemoryView.of(memory));
    }

    /** The body, which {@link BodyAdmission} let in: JSON, within the bodies the server may hold. */
    private JsonNode body(Context ctx, String expected) throws IOException {
        return JsonBody.object(reader, bodies.read(ctx), expected);
    }

    private static String namespace(Context ctx) {
        return orDefault(ctx.queryParam("namespace"));
    }

    private static String orDefault(String namespace) {
        return namespace == null ? MemoryService.DEFAULT_NAMESPACE : namespace;
    }

    /** A key limited to namespaces gets 403 for any other, before anything is read or written. */
    private static String requireAccess(Context ctx, String namespace) {
        if (!ApiKeyAuth.mayUseNamespace(ctx, namespace)) {
            throw new RefusedRequestException(new ApiError(403, "this API key may not use the memory namespace '"
                    + namespace + "'", ApiError.PERMISSION, "namespace", "namespace_not_allowed"));
        }
        return namespace;
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private static RefusedRequestException notFound(String namespace, String id) {
        return new RefusedRequestException(ApiError.invalidRequest(404, "no memory '" + id + "' in namespace '"
                + namespace + "'", "memory_not_found"));
    }
}
