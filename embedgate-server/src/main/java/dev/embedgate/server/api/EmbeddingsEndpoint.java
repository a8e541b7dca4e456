package dev.embedgate.server.api;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/embeddings} in OpenAI's format, plus {@code input_type}, {@code truncate} and {@code cache}.
 * Headers say what happened: the space and provider, cache hit/miss/partial, and where the time went.
 */
final class EmbeddingsEndpoint implements Handler {

    private final EmbeddingService service;
    private final EmbeddingsRequestParser parser;
    private final EmbeddingsResponseWriter writer;
    private final RequestBodyReader bodies;

    EmbeddingsEndpoint(EmbeddingService service, EmbeddingsRequestParser parser, EmbeddingsResponseWriter writer,
                       RequestBodyReader bodies) {
        this.service = service;
        this.parser = parser;
        this.writer = writer;
        this.bodies = bodies;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        long start = System.nanoTime();
        String contentType = ctx.header("Content-Type");
        if (!JsonMediaType.accepts(contentType)) {
            throw new RefusedRequestException(ApiError.notJson(contentType));
        }
        EmbeddingsCall call = parser.parse(bodies.read(ctx));
        Embeddings embeddings = service.embed(call.request(), ApiKeyAuth.caller(ctx),
                call.useCache() && !optedOutByHeader(ctx));
        HttpMeters.model(ctx, embeddings.model());
        ctx.header("X-EmbedGate-Space", embeddings.space().id());
        ctx.header("X-EmbedGate-Provider", embeddings.provider());
        if (embeddings.degraded()) {
            ctx.header("X-EmbedGate-Degraded", "true");
        }
        if (!embeddings.truncatedIndexes().isEmpty()) {
            ctx.header("X-EmbedGate-Truncated-Inputs", embeddings.truncatedIndexes().stream()
                    .map(String::valueOf).collect(Collectors.joining(",")));
        }
        ctx.header("X-EmbedGate-Cache", embeddings.cacheOutcome());
        ctx.header("X-EmbedGate-Upstream-Ms", millis(embeddings.usage().upstreamNanos()));
        byte[] answer = writer.write(embeddings, call.encodingFormat());
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

    /** Milliseconds with three decimals, without String.format (this runs on every answer). */
    private static String millis(long nanos) {
        long micros = nanos / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }
}
