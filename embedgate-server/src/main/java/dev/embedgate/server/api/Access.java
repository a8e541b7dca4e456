package dev.embedgate.server.api;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;

/** Who a route is for, as its role when it is registered: routes without one are the API's. */
enum Access implements RouteRole {
    /** The operator's routes: {@code /status}, {@code /admin/...}, {@code /metrics}. */
    ADMIN;

    /** Whether the matched route is for operators. */
    static boolean adminOnly(Context ctx) {
        return ctx.routeRoles().contains(ADMIN);
    }
}
