package dev.embedgate.server.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The door of every route that reads a JSON body: the body must be JSON ({@code 415} otherwise), and it must fit in
 * what the server may hold of request bodies at once, all requests together ({@link RequestBodyBudget}); a request
 * that does not fit gets 429 before its body is parsed (the body is read to nowhere, so that the client sees the
 * answer). Its room is given back when the route is done.
 */
final class BodyAdmission {

    private static final String HELD = BodyAdmission.class.getName() + ".held";

    private final RequestBodyBudget budget;
    private final long maxRequestBytes;

    BodyAdmission(RequestBodyBudget budget, long maxRequestBytes) {
        this.budget = budget;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The route, behind this door. */
    Handler guard(Handler route) {
        return ctx -> serve(ctx, route);
    }

    void serve(Context ctx, Handler route) throws Exception {
        String contentType = ctx.header("Content-Type");
        if (!JsonMediaType.accepts(contentType)) {
            throw new RefusedRequestException(ApiError.notJson(contentType));
        }
        var held = new AtomicLong(heldFor(ctx));
        if (!budget.tryTake(held.get())) {
            discardBody(ctx);
            throw new RefusedRequestException(new ApiError(429, "the server holds as many request bodies as it may ("
                    + budget.capacityBytes() + " bytes, all requests together); retry shortly", "rate_limit_error",
                    null, "overloaded"));
        }
        ctx.attribute(HELD, held);
        try {
            route.handle(ctx);
        } finally {
            budget.giveBack(held.get());
        }
    }

    /**
     * Gives back what the request holds beyond its body's size, once read: a body of unknown length or a compressed
     * one holds room for the size limit until then, which a request that lives long (a streamed chat answer) must
     * not keep for its whole life.
     */
    void settle(Context ctx, long bodyBytes) {
        AtomicLong held = ctx.attribute(HELD);
        if (held != null && bodyBytes < held.get()) {
            budget.shrink(held.get(), bodyBytes);
            held.set(bodyBytes);
        }
    }

    /**
     * The room a body takes while its request is served: its length, or the limit when that is unknown; a compressed
     * body also holds room for what it decodes to. A body declared too large takes none: it is refused (413) by the body reader.
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
}
