package dev.embedgate.testkit.wire;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** Drops a call's TCP connection without writing a response, as a crashed server or a dropped proxy would. */
public final class ConnectionAbort {

    private ConnectionAbort() {
    }

    public static void abort(Context ctx) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        request.getConnectionMetaData().getConnection().getEndPoint().close();
    }
}
