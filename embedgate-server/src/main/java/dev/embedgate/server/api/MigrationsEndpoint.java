package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.memory.migration.MigrationRequest;
import dev.embedgate.memory.migration.MigrationService;
import dev.embedgate.memory.migration.MigrationStatus;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The migration API, for operators: {@code POST /v1/migrations} (plan with {@code dry_run}, or start),
 * {@code GET /v1/migrations[/{id}]}, {@code POST /v1/migrations/{id}/pause|resume|cancel|verify|cutover|rollback}
 * and {@code POST /v1/spaces/drop}. Translation only: the {@link MigrationService} does the work.
 */
final class MigrationsEndpoint {

    static final int DEFAULT_SAMPLE = 50;
    static final int DEFAULT_K = 10;
    private static final int MAX_NAMESPACES = 1_000;
    private static final Set<String> START_FIELDS = Set.of("to", "namespace", "namespaces", "batch_size", "force",
            "max_rate_share", "dry_run");
    private static final Set<String> VERIFY_FIELDS = Set.of("sample", "k", "queries");

    private final MigrationService migrations;
    private final ObjectReader reader;
    private final RequestBodyReader bodies;
    private final ApiResponses responses;

    MigrationsEndpoint(MigrationService migrations, ObjectMapper json, RequestBodyReader bodies,
                       ApiResponses responses) {
        this.migrations = migrations;
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.bodies = bodies;
        this.responses = responses;
    }

    void start(Context ctx) throws IOException {
        JsonNode body = JsonBody.object(reader, bodies.read(ctx), "'to'");
        JsonFields.onlyKnown(body, START_FIELDS);
        var namespaces = new ArrayList<>(JsonFields.strings(body, "namespaces", "namespaces", MAX_NAMESPACES));
        String namespace = JsonFields.string(body, "namespace", "namespace");
        if (namespace != null) {
            namespaces.add(namespace);
        }
        var request = new MigrationRequest(JsonFields.string(body, "to", "to"), namespaces,
                JsonFields.integer(body, "batch_size", "batch_size"), isTrue(JsonFields.bool(body, "force", "force")),
                JsonFields.number(body, "max_rate_share", "max_rate_share"));
        if (isTrue(JsonFields.bool(body, "dry_run", "dry_run"))) {
            responses.json(ctx, 200, MigrationViews.PlanView.of(migrations.plan(request)));
            return;
        }
        responses.json(ctx, 201, MigrationViews.MigrationView.of(migrations.start(request, ApiKeyAuth.caller(ctx))));
    }

    void list(Context ctx) {
        responses.json(ctx, 200, MemoryViews.ListView.of(migrations.list().stream()
                .map(MigrationViews.MigrationView::of).toList()));
    }

    void get(Context ctx) {
        answer(ctx, migrations.status(id(ctx)));
    }

    void pause(Context ctx) {
        answer(ctx, migrations.pause(id(ctx)));
    }

    void resume(Context ctx) {
        answer(ctx, migrations.resume(id(ctx)));
    }

    void cancel(Context ctx) {
        answer(ctx, migrations.cancel(id(ctx)));
    }

    void rollback(Context ctx) {
        answer(ctx, migrations.rollback(id(ctx)));
    }

    /** {@code ?force=true} cuts over even though memories still lack target vectors. */
    void cutover(Context ctx) {
        answer(ctx, migrations.cutover(id(ctx), flag(ctx, "force")));
    }

    void verify(Context ctx) throws IOException {
        byte[] raw = bodies.read(ctx);
        JsonNode body = raw.length == 0 ? reader.createObjectNode() : JsonBody.object(reader, raw, "'sample' or 'queries'");
        JsonFields.onlyKnown(body, VERIFY_FIELDS);
        Integer sample = JsonFields.integer(body, "sample", "sample");
        Integer k = JsonFields.integer(body, "k", "k");
        List<String> queries = JsonFields.strings(body, "queries", "queries", 1_000);
        String id = id(ctx);
        responses.json(ctx, 200, MigrationViews.VerificationView.of(id, migrations.verify(id,
                sample == null ? DEFAULT_SAMPLE : sample, k == null ? DEFAULT_K : k, queries)));
    }

    void dropSpace(Context ctx) throws IOException {
        JsonNode body = JsonBody.object(reader, bodies.read(ctx), "'space'");
        JsonFields.onlyKnown(body, Set.of("space"));
        String space = JsonFields.string(body, "space", "space");
        if (space == null || space.isBlank()) {
            throw new InvalidRequestException("say which space to drop ('space', as GET /v1/spaces lists it)", "space",
                    "missing_space");
        }
        long vectors = migrations.dropSpace(space);
        responses.json(ctx, 200, new MigrationViews.DroppedSpaceView("space.dropped", space, vectors));
    }

    /**
     * Whether the request has no body at all, so that it needs no JSON content type: {@code Content-Length: 0}, or
     * neither a length nor chunks, which in HTTP/1.1 means no body ({@code curl -X POST} sends it so).
     */
    static boolean sendsNoBody(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        return length == 0 || length < 0 && ctx.header("Transfer-Encoding") == null;
    }

    private void answer(Context ctx, MigrationStatus status) {
        responses.json(ctx, 200, MigrationViews.MigrationView.of(status));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        throw new InvalidRequestException("'" + name + "' must be true or false", name, "invalid_type");
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
