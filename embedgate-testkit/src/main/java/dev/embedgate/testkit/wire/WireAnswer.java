package dev.embedgate.testkit.wire;

import dev.embedgate.testkit.RequestLog;
import dev.embedgate.testkit.Route;
import io.javalin.http.Context;
import java.util.function.Supplier;

/** How every simulated endpoint answers a call: logged, then its reply written or its connection dropped, logged. */
public final class WireAnswer {

    private WireAnswer() {
    }

    /** @param serve the reply, or null to drop the connection unanswered */
    public static void answer(Context ctx, Route route, RequestLog requestLog, Supplier<WireReply> serve) {
        requestLog.recordCall(route);
        int status = RequestLog.NO_RESPONSE;
        boolean logged = false;
        try {
            WireReply reply = serve.get();
            if (reply == null) {
                // Logged before the connection drops: the caller may call again the moment it sees the reset, and
                // the log must keep the calls in the order they were answered.
                requestLog.recordStatus(route, RequestLog.NO_RESPONSE);
                logged = true;
                ConnectionAbort.abort(ctx);
                return;
            }
            ctx.status(reply.status()).contentType(reply.contentType());
            reply.headers().forEach(ctx::header);
            ctx.result(reply.body());
            status = reply.status();
        } finally {
            if (!logged) {
                requestLog.recordStatus(route, status);
            }
        }
    }
}
