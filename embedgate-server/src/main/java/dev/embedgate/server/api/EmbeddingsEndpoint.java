package dev.embedgate.server.api;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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
    private final ApiResponses responses;
    private final long maxRequestBytes;
    private final RequestBodyBudget bodies;

    EmbeddingsEndpoint(EmbeddingService service, EmbeddingsRequestParser parser, EmbeddingsResponseWriter writer,
                       ApiResponses responses, long maxRequestBytes, RequestBodyBudget bodies) {
        this.service = service;
        this.parser = parser;
        this.writer = writer;
        this.responses = responses;
        this.maxRequestBytes = maxRequestBytes;
        this.bodies = bodies;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        long start = System.nanoTime();
        long declared = ctx.req().getContentLengthLong();
        // A body declared too large is refused (413) unread, so it takes no room; one of unknown length may be the largest.
        long held = declared > maxRequestBytes ? 0 : declared >= 0 ? declared : maxRequestBytes;
        if (!bodies.tryTake(held)) {
            discardBody(ctx);
            responses.error(ctx, new ApiError(429, "the server holds as many request bodies as it may ("
                    + bodies.capacityBytes() + " bytes, all requests together); retry shortly", "rate_limit_error",
                    null, "overloaded"));
            return;
        }
        try {
            serve(ctx, start);
        } finally {
            bodies.giveBack(held);
        }
    }

    private void serve(Context ctx, long start) throws IOException {
        byte[] body = readBody(ctx);
        if (body == null) {
            responses.error(ctx, ApiError.invalidRequest(413, "the request body is larger than the " + maxRequestBytes
                    + " bytes this server accepts; send fewer or shorter inputs per request", "request_too_large"));
            return;
        }
        EmbeddingsCall call = parser.parse(body);
        Embeddings embeddings;
        try (var watch = ClientDisconnectWatch.start(ctx)) {
            embeddings = service.embed(call.request(), ApiKeyAuth.caller(ctx), call.useCache() && !optedOutByHeader(ctx));
        }
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

    /** The body, or null if it is larger than the limit (checked while reading, whatever Content-Length says). */
    private byte[] readBody(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxRequestBytes) {
            return null;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // Jetty ends the stream at Content-Length, so an array of that size holds the whole body: no
                // 16 KiB chunk and copy per request, as readNBytes(limit) makes.
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : Arrays.copyOf(body, read);
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
            return body.length > maxRequestBytes ? null : body;
        }
    }
}
