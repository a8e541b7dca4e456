package dev.embedgate.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.error.EmbedGateException;
import dev.embedgate.server.config.Gateway;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.server.status.CapabilityProviders;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Javalin (Jetty 12, virtual threads). Every error, including unknown routes and methods and the
 * requests Jetty refuses before any route runs, is answered in OpenAI's error shape.
 */
public final class EmbedGateServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbedGateServer.class);

    private final Javalin app;
    private final Gateway gateway;
    private final ShutdownGate gate;
    private final Duration shutdownGrace;

    private EmbedGateServer(Javalin app, Gateway gateway, ShutdownGate gate, Duration shutdownGrace) {
        this.app = app;
        this.gateway = gateway;
        this.gate = gate;
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * Starts listening at once; the default model loads in the background and {@code /ready} says when. The server
     * owns the gateway from here on and closes it with itself.
     */
    public static EmbedGateServer start(Gateway gateway, GatewayConfig.Server config) {
        EmbeddingService service = gateway.service();
        // Jackson's default buffer pool is per thread, and every request here runs on a new virtual thread: share one.
        var json = new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
        var responses = new ApiResponses(json);
        var admission = new BodyAdmission(new RequestBodyBudget(config.maxRequestBytesInFlight()),
                config.maxRequestBytes());
        var embeddings = new EmbeddingsEndpoint(service, new EmbeddingsRequestParser(json),
                new EmbeddingsResponseWriter(json.getFactory()), new RequestBodyReader(config.maxRequestBytes()),
                admission);
        var chat = new ChatCompletionsEndpoint(gateway.chat(), new ChatAnswerWriter(json), responses,
                new RequestBodyReader(config.maxRequestBytes()), admission);
        var rerank = new RerankEndpoint(gateway.rerank(), json, responses, new RequestBodyReader(config.maxRequestBytes()));
        var cacheAdmin = new CacheAdminEndpoints(gateway.cacheService(), responses);
        // With keys on, a key says who calls (and an admin key opens the operator's routes); with keys off, the
        // operator's routes answer only the clients server.admin.allowFrom allows.
        Handler access = gateway.auth().enabled() ? new ApiKeyAuth(gateway, responses)::authenticate
                : new AdminClientGuard(config.admin().clients(), gateway.auth().openPaths(), responses)::check;
        var models = new ModelsEndpoint(gateway.operations().routes(), gateway.chat().routes(),
                gateway.rerank().routes(), responses, Instant.now().getEpochSecond());
        var health = new HealthEndpoints(gateway.readinessService(), gateway.statusService(), responses);
        var metrics = new MetricsEndpoint(gateway.metrics(), gateway.operations().routes(),
                new CapabilityProviders(gateway.chat().routes(), gateway.rerank().routes()), service.budgets());
        var httpMeters = new HttpMeters(gateway.metrics(), Set.of("/v1/embeddings", "/v1/chat/completions", "/v1/rerank",
                "/v2/rerank", "/rerank", "/v1/models", "/v1/models/<id>",
                "/health", "/ready", "/status", "/metrics", "/admin/cache", "/v1/memories", "/v1/memories/<id>",
                "/v1/memories/search", "/v1/memories/delete", "/v1/spaces", "/v1/spaces/drop", "/v1/migrations",
                "/v1/migrations/<id>", "/v1/migrations/<id>/pause", "/v1/migrations/<id>/resume",
                "/v1/migrations/<id>/cancel", "/v1/migrations/<id>/verify", "/v1/migrations/<id>/cutover",
                "/v1/migrations/<id>/rollback"));

        var gate = new ShutdownGate();
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.concurrency.useVirtualThreads = true;
            // Requests still run on virtual threads; Jetty's selector gets a platform thread of its own.
            javalin.jetty.threadPool = HttpThreads.pool();
            javalin.http.prefer405over404 = true;
            // The embeddings endpoint enforces its own limit while reading; this only bounds other routes.
            javalin.http.maxRequestSize = config.maxRequestBytes();
            // Jetty keeps a cache of header fields per connection, from its second request on, as long as the
            // connection stays open: an array sized for 1,024 entries, 96 KB. 200 kept-alive clients were 19 MB of
            // live heap that every young collection copied; a few thousand would fill the heap. It only spares a few
            // small objects per request.
            javalin.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            // Requests Jetty cannot read as HTTP never reach a route: Jetty answers them with the server's handler.
            javalin.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler(responses));
                // Javalin puts its handler inside the gate; the gate, not Jetty's stop, waits for requests in flight.
                server.setHandler(gate);
                server.setStopTimeout(0);
                AcceptBacklog.apply(server);
            });
            javalin.requestLogger.http(httpMeters::finished);
            javalin.routes.before(httpMeters::started);
            if (config.cors().enabled()) {
                javalin.routes.before(new CorsPolicy(config.cors())::apply);
            }
            javalin.routes.beforeMatched(access);
            javalin.routes.post("/v1/embeddings", embeddings);
            javalin.routes.post("/v1/chat/completions", chat);
            javalin.routes.post("/v1/rerank", admission.guard(rerank::cohere));
            javalin.routes.post("/v2/rerank", admission.guard(rerank::cohere));
            javalin.routes.post("/rerank", admission.guard(rerank::tei));
            gateway.memory().ifPresent(memory -> {
                var memories = new MemoriesEndpoint(memory.service(), json,
                        new RequestBodyReader(config.maxRequestBytes()), responses);
                var spaces = new SpacesEndpoint(memory.spaces(), responses);
                javalin.routes.post("/v1/memories", admission.guard(memories::save));
                javalin.routes.post("/v1/memories/search", admission.guard(memories::search));
                javalin.routes.post("/v1/memories/delete", admission.guard(memories::deleteWhere));
                javalin.routes.get("/v1/memories/<id>", memories::get);
                javalin.routes.patch("/v1/memories/<id>", admission.guard(memories::patch));
                javalin.routes.delete("/v1/memories/<id>", memories::delete);
                javalin.routes.get("/v1/spaces", spaces::list);
                var migrations = new MigrationsEndpoint(memory.service().migrations(), json,
                        new RequestBodyReader(config.maxRequestBytes()), responses);
                javalin.routes.post("/v1/migrations", admission.guard(migrations::start), Access.ADMIN);
                javalin.routes.get("/v1/migrations", migrations::list, Access.ADMIN);
                javalin.routes.get("/v1/migrations/<id>", migrations::get, Access.ADMIN);
                javalin.routes.post("/v1/migrations/<id>/pause", migrations::pause, Access.ADMIN);
                javalin.routes.post("/v1/migrations/<id>/resume", migrations::resume, Access.ADMIN);
                javalin.routes.post("/v1/migrations/<id>/cancel", migrations::cancel, Access.ADMIN);
                javalin.routes.post("/v1/migrations/<id>/cutover", migrations::cutover, Access.ADMIN);
                javalin.routes.post("/v1/migrations/<id>/rollback", migrations::rollback, Access.ADMIN);
                javalin.routes.post("/v1/migrations/<id>/verify", ctx -> {
                    if (MigrationsEndpoint.sendsNoBody(ctx)) {
                        migrations.verify(ctx);
                    } else {
                        admission.serve(ctx, migrations::verify);
                    }
                }, Access.ADMIN);
                javalin.routes.post("/v1/spaces/drop", admission.guard(migrations::dropSpace), Access.ADMIN);
            });
            javalin.routes.get("/v1/models", models::list);
            javalin.routes.get("/v1/models/<id>", models::retrieve);
            javalin.routes.get("/health", health::health);
            javalin.routes.get("/ready", health::ready);
            javalin.routes.get("/status", health::status, Access.ADMIN);
            javalin.routes.get("/metrics", metrics::scrape, Access.ADMIN);
            javalin.routes.get("/admin/cache", cacheAdmin::inspect, Access.ADMIN);
            javalin.routes.delete("/admin/cache", cacheAdmin::purge, Access.ADMIN);
            javalin.routes.exception(EmbedGateException.class, (e, ctx) -> responses.error(ctx, ApiError.from(e)));
            javalin.routes.exception(RefusedRequestException.class, (e, ctx) -> responses.error(ctx, e.error()));
            javalin.routes.exception(EofException.class, new EarlyEofHandler(responses));
            javalin.routes.exception(HttpResponseException.class, (e, ctx) -> responses.error(ctx, ApiError.http(e, ctx)));
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                responses.error(ctx, ApiError.internal());
            });
        });
        try {
            listen(app, config);
        } catch (RuntimeException e) {
            app.stop();
            gateway.close();
            throw e;
        }
        log.info("EmbedGate listening on http://{}:{} (default model {})", config.host(), app.port(),
                service.registry().defaultRoute().name());
        Thread.ofVirtual().name("embedgate-warm-up").start(() -> warmUp(service));
        return new EmbedGateServer(app, gateway, gate, config.shutdownGrace());
    }

    /**
     * Starts listening. Javalin reports every failure to bind as a port in use; a host that does not resolve, or is
     * no address of this machine, is said as such.
     */
    private static void listen(Javalin app, GatewayConfig.Server config) {
        String where = config.host() + ":" + config.port();
        try {
            InetAddress.getByName(config.host());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot listen on " + where + ": server.host '" + config.host()
                    + "' does not resolve; use an address of this machine, or 0.0.0.0 for all of them", e);
        }
        try {
            app.start(config.host(), config.port());
        } catch (JavalinBindException e) {
            Throwable cause = e.getCause();
            String why = cause == null ? null : cause.getMessage();
            if (why == null || why.toLowerCase(Locale.ROOT).contains("in use")) {
                throw e;
            }
            throw new IllegalStateException("cannot listen on " + where + ": " + why + " (server.host must be an "
                    + "address of this machine, or 0.0.0.0 for all of them)", e);
        }
    }

    private static void warmUp(EmbeddingService service) {
        try {
            service.registry().defaultRoute().primary().provider().warmUp();
        } catch (RuntimeException e) {
            log.error("the default model could not be loaded; /ready stays 503: {}", e.getMessage(), e);
        }
    }

    public int port() {
        return app.port();
    }

    /**
     * Stops gracefully: takes no new request (new connections are refused, requests on open ones get 503), lets those
     * in flight finish within {@code server.shutdownGrace}, cuts the rest, closes the gateway (usage written to the
     * ledger, models, cache and store closed), and logs one line saying what it waited for and how it went.
     */
    @Override
    public void close() {
        long start = System.nanoTime();
        ShutdownGate.Drained drained = gate.drain(app.jettyServer().server(), shutdownGrace);
        app.stop();
        gateway.close();
        int unwritten = gateway.usage().unwrittenRows();
        String summary = String.format(Locale.ROOT, "EmbedGate stopped in %.1f s: %d request(s) in flight when it "
                        + "stopped taking new ones, %d finished, %d cut at the %.1f s grace (waited %.1f s); "
                        + "%d refused meanwhile; %s; store closed", seconds(System.nanoTime() - start),
                drained.inFlight(), drained.finished(), drained.cut(), seconds(shutdownGrace.toNanos()),
                seconds(drained.waited().toNanos()), drained.refused(), unwritten == 0 ? "usage written"
                        : unwritten + " usage row(s) NOT written (the ledger failed; see above)");
        if (drained.cut() == 0 && unwritten == 0) {
            log.info(summary);
        } else {
            log.warn(summary);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
