package dev.embedgate.server.api;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
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
    private final RequestBodyBudget budget;
    private final long maxRequestBytes;

    EmbeddingsEndpoint(EmbeddingService service, EmbeddingsRequestParser parser, EmbeddingsResponseWriter writer,
                       RequestBodyReader bodies, RequestBodyBudget budget, long maxRequestBytes) {
        this.service = service;
        this.parser = parser;
        this.writer = writer;
        this.bodies = bodies;
        this.budget = budget;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        long start = System.nanoTime();
        String contentType = ctx.header("Content-Type");
        if (!JsonMediaType.accepts(contentType)) {
            throw new RefusedRequestException(ApiError.notJson(contentType));
        }
        long held = heldFor(ctx);
        if (!budget.tryTake(held)) {
            discardBody(ctx);
            throw new RefusedRequestException(new ApiError(429, "the server holds as many request bodies as it may ("
                    + budget.capacityBytes() + " bytes, all requests together); retry shortly", "rate_limit_error",
                    null, "overloaded"));
        }
        try {
            serve(ctx, start);
        } finally {
            budget.giveBack(held);
        }
    }

    /**
     * The room a body takes while its request is served: its length, or the limit when that is unknown; a compressed
     * body also holds room for what it decodes to. A body declared too large takes none: it is refused unread (413).
     */
    private long heldFor(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxRequestBytes) {
            return 0;
        }
        long sent = declared >= 0 ? declared : maxRequestBytes;
        String encoding = ctx.header("Content-Encoding");
        boolean compressed = encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity");
        return compressed ? sent + maxRequestBytes : sent;
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

    /**
     * Reads the body to nowhere, so that the refusal reaches a client that sends its whole body before it reads the
     * answer (most do): answered early, it would see the connection reset instead. Stops at the size limit.
     */
    private void discardBody(Context ctx) throws IOException {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[8192];
            long left = maxRequestBytes;
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        }
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
