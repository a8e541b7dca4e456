package dev.embedgate.server.api;

import dev.embedgate.server.access.AddressRanges;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * Guards the operator's routes ({@link Access#ADMIN}) while API keys are off: they answer only the clients
 * {@code server.admin.allowFrom} allows (by default this host alone), anyone else gets 403; open paths and the API's
 * routes are not its concern. The client is the TCP peer: behind a proxy on the same host every client looks local,
 * which is why such set-ups turn keys on. With keys on, {@link ApiKeyAuth} asks for an admin key instead.
 */
final class AdminClientGuard {

    private final AddressRanges clients;
    private final Set<String> openPaths;
    private final ApiResponses responses;

    AdminClientGuard(AddressRanges clients, List<String> openPaths, ApiResponses responses) {
        this.clients = clients;
        this.openPaths = Set.copyOf(openPaths);
        this.responses = responses;
    }

    void check(Context ctx) {
        if (!Access.adminOnly(ctx) || openPaths.contains(ctx.path()) || clients.allows(peer(ctx))) {
            return;
        }
        responses.error(ctx, new ApiError(403, "this route is for operators: while API keys are off it answers only "
                + "clients that server.admin.allowFrom allows (by default, this host); call it from there, or turn on "
                + "auth and send an admin key", ApiError.PERMISSION, null, "admin_client_not_allowed"));
        ctx.skipRemainingHandlers();
    }

    /** The TCP peer's address, as the servlet gives it: an IP literal, IPv6 possibly in brackets. */
    private static InetAddress peer(Context ctx) {
        String address = ctx.req().getRemoteAddr();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the servlet container gave a peer address that is not an IP: "
                    + address, e);
        }
    }
}
