package dev.embedgate.testkit.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.RequestLog;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RouteFaults;
import dev.embedgate.testkit.wire.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's control surface on the same port: {@code PUT /admin/faults/{route}} (a JSON {@link Faults}),
 * {@code GET /admin/faults}, {@code GET /admin/log}, {@code POST /admin/reset} (clears the log and every
 * route's faults), and {@code GET /admin/gc} / {@code POST /admin/gc}: the simulator's garbage collections so far,
 * after collecting first for a POST (a benchmark has the simulator collect between its measurements, as its own load
 * generator does, since the simulator shares the machine with what it measures).
 */
public final class AdminEndpoints {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<Route, RouteFaults> faults;
    private final RequestLog log;

    public AdminEndpoints(Map<Route, RouteFaults> faults, RequestLog log) {
        this.faults = faults;
        this.log = log;
    }

    public void putFaults(Context ctx) {
        Route route;
        try {
            route = Route.fromWireName(ctx.pathParam("route"));
        } catch (IllegalArgumentException e) {
            json(ctx, 404, Map.of("error", e.getMessage()));
            return;
        }
        Faults parsed;
        try {
            byte[] body = ctx.bodyAsBytes();
            parsed = body.length == 0 ? Faults.NONE : STRICT.readValue(body, Faults.class);
            if (parsed == null) {
                parsed = Faults.NONE;
            }
        } catch (IOException e) {
            String reason = e.getCause() instanceof IllegalArgumentException cause ? cause.getMessage() : e.getMessage();
            json(ctx, 400, Map.of("error", "invalid faults for " + route.wireName() + ": " + reason));
            return;
        }
        faults.get(route).replace(parsed);
        json(ctx, 200, Map.of(route.wireName(), parsed));
    }

    public void getFaults(Context ctx) {
        var body = new LinkedHashMap<String, Object>();
        faults.forEach((route, routeFaults) -> body.put(route.wireName(), Map.of(
                "faults", routeFaults.faults(), "remainingScript", routeFaults.remainingScript())));
        json(ctx, 200, body);
    }

    public void getCollections(Context ctx) {
        json(ctx, 200, Map.of("collections", collections()));
    }

    public void collect(Context ctx) {
        System.gc();
        json(ctx, 200, Map.of("collections", collections()));
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    public void getLog(Context ctx) {
        json(ctx, 200, log.snapshot());
    }

    public void reset(Context ctx) {
        resetAll();
        json(ctx, 200, Map.of("reset", true));
    }

    /** Clears the log and every route's faults. */
    public void resetAll() {
        log.reset();
        faults.values().forEach(routeFaults -> routeFaults.replace(Faults.NONE));
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
