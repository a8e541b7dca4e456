package dev.embedgate.testkit;

import dev.embedgate.testkit.admin.AdminEndpoints;
import dev.embedgate.testkit.chat.ChatDialect;
import dev.embedgate.testkit.chat.ChatEndpoint;
import dev.embedgate.testkit.chat.TokenPacer;
import dev.embedgate.testkit.cohere.CohereChatDialect;
import dev.embedgate.testkit.cohere.CohereDialect;
import dev.embedgate.testkit.cohere.ResultsRerankDialect;
import dev.embedgate.testkit.fault.RouteFaults;
import dev.embedgate.testkit.huggingface.HuggingFaceDialect;
import dev.embedgate.testkit.huggingface.HuggingFaceRerankDialect;
import dev.embedgate.testkit.ollama.OllamaChatDialect;
import dev.embedgate.testkit.ollama.OllamaEmbedDialect;
import dev.embedgate.testkit.ollama.OllamaLegacyDialect;
import dev.embedgate.testkit.openai.OpenAiChatDialect;
import dev.embedgate.testkit.openai.OpenAiDialect;
import dev.embedgate.testkit.rerank.RerankDialect;
import dev.embedgate.testkit.rerank.RerankEndpoint;
import dev.embedgate.testkit.tei.TeiDialect;
import dev.embedgate.testkit.tei.TeiOpenAiDialect;
import dev.embedgate.testkit.tei.TeiRerankDialect;
import dev.embedgate.testkit.vectors.LocalModelPool;
import dev.embedgate.testkit.vectors.VectorSource;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.EmbedCall;
import dev.embedgate.testkit.wire.Pauses;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.SimulatedEndpoint;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server on 127.0.0.1 that speaks each embedding provider's real wire format and errors, backed by the local
 * ONNX model (all-MiniLM-L6-v2, bge-small-en-v1.5) or deterministic synthetic vectors, and the chat endpoints of
 * OpenAI, the Hugging Face router, Cohere and Ollama (a deterministic model, {@link dev.embedgate.testkit.chat.SimulatedChat},
 * streamed at a set pace), with fault injection per route. Start one per test class (or per test) and point clients at the base URLs below; thread-safe.
 *
 * <pre>{@code
 * try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults())) {
 *     simulator.faults(Route.OPENAI, Faults.scripted("status:429:1", "ok"));
 *     // POST simulator.openAiBaseUrl() + "/embeddings" ...
 * }
 * }</pre>
 */
public final class ProviderSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderSimulator.class);
    private static final long MAX_REQUEST_BYTES = 64L * 1024 * 1024;
    private static final int ACCEPT_BACKLOG = 1024;

    private final Javalin app;
    private final Map<Route, RouteFaults> faults;
    private final RequestLog requestLog;
    private final VectorSource vectors;
    private final Pauses pauses;
    private final TokenPacer pacer;
    private final AdminEndpoints admin;

    private ProviderSimulator(Javalin app, Map<Route, RouteFaults> faults, RequestLog requestLog, VectorSource vectors,
                              Pauses pauses, TokenPacer pacer, AdminEndpoints admin) {
        this.app = app;
        this.faults = faults;
        this.requestLog = requestLog;
        this.vectors = vectors;
        this.pauses = pauses;
        this.pacer = pacer;
        this.admin = admin;
    }

    /** Starts listening on 127.0.0.1 at {@code config.port()} (0 picks a free port). Local models load on first use. */
    public static ProviderSimulator start(SimulatorConfig config) {
        var faults = new EnumMap<Route, RouteFaults>(Route.class);
        for (Route route : Route.values()) {
            faults.put(route, new RouteFaults(route, config.faultsFor(route), config.seed()));
        }
        var requestLog = new RequestLog();
        var vectors = new VectorSource(new LocalModelPool());
        var pauses = new Pauses();
        var keys = new ApiKeys(config.apiKeys());
        var admin = new AdminEndpoints(faults, requestLog);
        var pacer = new TokenPacer();
        var endpoints = new Endpoints(faults, vectors, keys, requestLog, pauses, pacer);

        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.concurrency.useVirtualThreads = true;
            javalin.http.maxRequestSize = MAX_REQUEST_BYTES;
            // Jetty's per-connection cache of header fields holds 96 KB for as long as a connection stays open.
            javalin.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            // Benchmarks open hundreds of connections at once: the JDK's default backlog of 50 would reset some.
            javalin.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (var connector : server.getConnectors()) {
                        if (connector instanceof ServerConnector listening) {
                            listening.setAcceptQueueSize(ACCEPT_BACKLOG);
                        }
                    }
                }
            }));
            routes(javalin, endpoints, admin);
        });
        try {
            app.start("127.0.0.1", config.port());
        } catch (RuntimeException e) {
            pacer.close();
            vectors.close();
            throw e;
        }
        var simulator = new ProviderSimulator(app, faults, requestLog, vectors, pauses, pacer, admin);
        log.info("provider simulator listening on {}", simulator.baseUrl());
        return simulator;
    }

    private static void routes(JavalinConfig javalin, Endpoints endpoints, AdminEndpoints admin) {
        javalin.routes.post("/openai/v1/embeddings", endpoints.of(new OpenAiDialect()));
        javalin.routes.post("/openai/v1/chat/completions", endpoints.chat(new OpenAiChatDialect()));
        javalin.routes.post("/hf/v1/chat/completions",
                endpoints.chat(new OpenAiChatDialect(Route.HUGGINGFACE, new HuggingFaceDialect())));
        javalin.routes.post("/cohere/v2/chat", endpoints.chat(new CohereChatDialect()));
        javalin.routes.post("/ollama/api/chat", endpoints.chat(new OllamaChatDialect()));
        var huggingFace = endpoints.of(new HuggingFaceDialect());
        javalin.routes.post("/hf/hf-inference/models/<model>/pipeline/feature-extraction", huggingFace);
        javalin.routes.post("/hf/pipeline/feature-extraction/<model>", huggingFace);
        javalin.routes.post("/hf/models/<model>", huggingFace);
        javalin.routes.post("/tei/embed", endpoints.of(new TeiDialect()));
        javalin.routes.post("/tei/v1/embeddings", endpoints.of(new TeiOpenAiDialect()));
        javalin.routes.post("/cohere/v2/embed", endpoints.of(new CohereDialect()));
        javalin.routes.post("/ollama/api/embed", endpoints.of(new OllamaEmbedDialect()));
        javalin.routes.post("/ollama/api/embeddings", endpoints.of(new OllamaLegacyDialect()));
        rerankRoutes(javalin, endpoints);
        javalin.routes.put("/admin/faults/{route}", admin::putFaults);
        javalin.routes.get("/admin/faults", admin::getFaults);
        javalin.routes.get("/admin/log", admin::getLog);
        javalin.routes.post("/admin/reset", admin::reset);
        javalin.routes.get("/admin/gc", admin::getCollections);
        javalin.routes.post("/admin/gc", admin::collect);
    }

    /** Rerank endpoints, on the routes of the vendors' embeddings (the Jina-compatible one on Cohere's). */
    private static void rerankRoutes(JavalinConfig javalin, Endpoints endpoints) {
        javalin.routes.post("/cohere/v2/rerank", endpoints.rerank(ResultsRerankDialect.COHERE));
        javalin.routes.post("/cohere/v1/rerank", endpoints.rerank(ResultsRerankDialect.JINA));
        javalin.routes.post("/tei/rerank", endpoints.rerank(new TeiRerankDialect()));
        javalin.routes.post("/hf/hf-inference/models/<model>/pipeline/text-classification",
                endpoints.rerank(new HuggingFaceRerankDialect()));
    }

    /** Builds each endpoint with the collaborators every route shares. */
    private record Endpoints(Map<Route, RouteFaults> faults, VectorSource vectors, ApiKeys keys, RequestLog requestLog,
                             Pauses pauses, TokenPacer pacer) {
        <C extends EmbedCall> SimulatedEndpoint<C> of(ProviderDialect<C> dialect) {
            return new SimulatedEndpoint<>(dialect, faults.get(dialect.route()), vectors, keys, requestLog, pauses);
        }

        ChatEndpoint chat(ChatDialect dialect) {
            return new ChatEndpoint(dialect, faults.get(dialect.route()), keys, requestLog, pauses, pacer);
        }

        RerankEndpoint rerank(RerankDialect dialect) {
            return new RerankEndpoint(dialect, faults.get(dialect.route()), keys, requestLog, pauses);
        }
    }

    public int port() {
        return app.port();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** OpenAI's base URL (as {@code OPENAI_BASE_URL}): {@code POST {it}/embeddings} and {@code {it}/chat/completions}. */
    public String openAiBaseUrl() {
        return baseUrl() + "/openai/v1";
    }

    /**
     * The Hugging Face router's base URL (as {@code HF_INFERENCE_ENDPOINT}):
     * {@code POST {it}/hf-inference/models/{model}/pipeline/feature-extraction}, the older
     * {@code POST {it}/pipeline/feature-extraction/{model}}, and chat at {@code POST {it}/v1/chat/completions}.
     */
    public String huggingFaceBaseUrl() {
        return baseUrl() + "/hf";
    }

    /**
     * A model's URL on the legacy Inference API, as {@code https://api-inference.huggingface.co/models/{model}} is
     * set in {@code HUGGINGFACE_BASE_URL}: {@code POST {it}} with the router's body and answers.
     */
    public String huggingFaceLegacyModelUrl(String model) {
        return huggingFaceBaseUrl() + "/models/" + model;
    }

    /** A TEI server's base URL: {@code POST {it}/embed} and the OpenAI-compatible {@code POST {it}/v1/embeddings}. */
    public String teiBaseUrl() {
        return baseUrl() + "/tei";
    }

    /** Cohere's base URL (as {@code COHERE_BASE_URL}): {@code POST {it}/v2/embed} and {@code {it}/v2/chat}. */
    public String cohereBaseUrl() {
        return baseUrl() + "/cohere";
    }

    /**
     * Ollama's base URL (as {@code OLLAMA_HOST}): {@code POST {it}/api/embed}, the legacy {@code {it}/api/embeddings},
     * and {@code {it}/api/chat}.
     */
    public String ollamaBaseUrl() {
        return baseUrl() + "/ollama";
    }

    /**
     * A Jina-compatible rerank server's base URL (as {@code JINA_BASE_URL}), on the COHERE route:
     * {@code POST {it}/rerank}. Cohere's own rerank is {@code POST {cohereBaseUrl}/v2/rerank}, TEI's
     * {@code POST {teiBaseUrl}/rerank}, Hugging Face's {@code POST {huggingFaceBaseUrl}/hf-inference/models/{model}
     * /pipeline/text-classification}; every one scores with {@link dev.embedgate.testkit.rerank.SimulatedRelevance}.
     */
    public String jinaBaseUrl() {
        return baseUrl() + "/cohere/v1";
    }

    /** What was asked of each route. */
    public RequestLog log() {
        return requestLog;
    }

    /** Replaces a route's faults now: its script restarts, its buckets fill and its cold-start clock resets. */
    public void faults(Route route, Faults routeFaults) {
        faults.get(route).replace(routeFaults);
    }

    /** Clears the request log and every route's faults, as {@code POST /admin/reset} does (between tests). */
    public void reset() {
        admin.resetAll();
    }

    /** Stops listening (calls still hanging are dropped at once) and closes the local models. */
    @Override
    public void close() {
        pauses.close();
        pacer.close();
        try {
            app.stop();
        } finally {
            vectors.close();
        }
    }
}
