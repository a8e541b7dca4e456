package dev.embedgate.server.api;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/embeddings} in OpenAI's format, plus {@code input_type}, {@code truncate} and {@code cache}.
 * Headers say what happened: the model the name resolved to, the space and provider, cache hit/miss/partial, inputs
 * answered stale, and where the time went.
 */
final class EmbeddingsEndpoint implements Handler {

    private final EmbeddingService service;
    private final EmbeddingsRequestParser parser;
    private final EmbeddingsResponseWriter writer;
    private final RequestBodyReader bodies;
    private final BodyAdmission admission;

    EmbeddingsEndpoint(EmbeddingService service, EmbeddingsRequestParser parser, EmbeddingsResponseWriter writer,
                       RequestBodyReader bodies, BodyAdmission admission) {
        this.service = service;
        this.parser = parser;
        this.writer = writer;
        this.bodies = bodies;
        this.admission = admission;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        long start = System.nanoTime();
        admission.serve(ctx, admitted -> serve(admitted, start));
    }

    private void serve(Context ctx, long start) throws IOException {
        EmbeddingsCall call = parser.parse(bodies.read(ctx));
        Embeddings embeddings;
        try (var watch = ClientDisconnectWatch.start(ctx)) {
            embeddings = service.embed(call.request(), ApiKeyAuth.caller(ctx), call.useCache() && !optedOutByHeader(ctx));
        }
        HttpMeters.model(ctx, embeddings.model());
        ctx.header("X-EmbedGate-Model", embeddings.model());
        ctx.header("X-EmbedGate-Space", embeddings.space().id());
        ctx.header("X-EmbedGate-Provider", embeddings.provider());
        if (embeddings.degraded()) {
            ctx.header("X-EmbedGate-Degraded", "true");
        }
        if (!embeddings.truncatedIndexes().isEmpty()) {
            ctx.header("X-EmbedGate-Truncated-Inputs", indexes(embeddings.truncatedIndexes()));
        }
        if (!embeddings.staleIndexes().isEmpty()) {
            ctx.header("X-EmbedGate-Stale", "true");
            ctx.header("X-EmbedGate-Stale-Inputs", indexes(embeddings.staleIndexes()));
        }
        ctx.header("X-EmbedGate-Cache", embeddings.cacheOutcome());
        ctx.header("X-EmbedGate-Upstream-Ms", millis(embeddings.usage().upstreamNanos()));
        byte[] answer = writer.write(embeddings, call.encodingFormat(), call.request().model());
        ctx.header("X-EmbedGate-Total-Ms", millis(System.nanoTime() - start));
        ctx.contentType("application/json").result(answer);
    }

    /** {@code Cache-Control: no-cache} or {@code no-store} skips the cache both ways, like {@code "cache": false}. */
    private static boolean optedOutByHeader(Context ctx) {
        String control = ctx.header("Cache-Control");
        if (control == null) {
            return false;
        }
        String lower = control.toLowerCase(Locale.ROOT);
        return lower.contains("no-cache") || lower.contains("no-store");
    }

    private static String indexes(List<Integer> positions) {
        return positions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Milliseconds with three decimals, without String.format (this runs on every answer). */
    private static String millis(long nanos) {
        long micros = nanos / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }
}
