package dev.embedgate.server.api;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP requests as meters: a latency histogram by route, model and status, and the requests in flight. A route is
 * named by its registered path; paths outside the served set are counted as {@code other}, so that scanners cannot
 * blow up the series count.
 */
final class HttpMeters {

    private static final String MODEL = "embedgate.model";

    private final MeterRegistry registry;
    private final Set<String> routes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(String route, String method, String model, int status) {
    }

    HttpMeters(MeterRegistry registry, Set<String> routes) {
        this.registry = registry;
        this.routes = Set.copyOf(routes);
        Gauge.builder("embedgate.http.in.flight", inFlight, AtomicInteger::get).description("requests being served")
                .register(registry);
    }

    /** The model an answer was for, as the route handler learnt it. */
    static void model(Context ctx, String model) {
        ctx.attribute(MODEL, model);
    }

    void started(Context ctx) {
        inFlight.incrementAndGet();
    }

    void finished(Context ctx, Float millis) {
        inFlight.decrementAndGet();
        String model = ctx.attribute(MODEL);
        var key = new TimerKey(route(ctx), ctx.method().name(), model == null ? "none" : model, ctx.statusCode());
        timers.computeIfAbsent(key, this::timer).record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** The route's path as registered ({@code /v1/models/<id>}, not the id asked for), or {@code other}. */
    private String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String path = matched == null ? ctx.path() : matched.path;
        return routes.contains(path) ? path : "other";
    }

    private Timer timer(TimerKey key) {
        return Timer.builder("embedgate.http.requests").description("HTTP requests by route, model and status")
                .tag("route", key.route()).tag("method", key.method()).tag("model", key.model())
                .tag("status", Integer.toString(key.status()))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }
}
