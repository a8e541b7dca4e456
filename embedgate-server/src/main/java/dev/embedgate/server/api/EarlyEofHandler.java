package dev.embedgate.server.api;

import io.javalin.http.Context;
import io.javalin.http.ExceptionHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body that ended before it should. Jetty reports two causes as the same early EOF, told apart here by
 * the connection: the client hung up (its side of the connection is shut, nobody is left to answer: one log line,
 * and status 499 for the metrics, as nginx counts a client that closed its request), or the body's framing broke
 * on a connection still open, a malformed chunk say (a 400 in OpenAI's shape).
 */
final class EarlyEofHandler implements ExceptionHandler<EofException> {

    /** Not an HTTP status anyone receives: nginx's label for a request its client abandoned. */

    private static final Logger log = LoggerFactory.getLogger(EarlyEofHandler.class);

    private final ApiResponses responses;

    EarlyEofHandler(ApiResponses responses) {
        this.responses = responses;
    }

    @Override
    public void handle(EofException e, Context ctx) {
        if (clientHungUp(ctx)) {
            log.info("client closed the connection before its request was read: {} {}", ctx.method(), ctx.path());
            ctx.status(ApiError.CLIENT_CLOSED_REQUEST);
        } else {
            responses.error(ctx, ApiError.brokenBody());
        }
    }

    private static boolean clientHungUp(Context ctx) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        return request == null || request.getConnectionMetaData().getConnection().getEndPoint().isInputShutdown();
    }
}
