package dev.embedgate.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.embedgate.embedding.EmbeddingLimits;
import dev.embedgate.provider.local.InferenceSettings;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.server.access.AddressRanges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The whole configuration, read from YAML (see {@link ConfigLoader}). Every part has a default, so no file is the
 * embedded default (the local all-MiniLM-L6-v2 on port 8080) and a file holds only what it changes.
 */
public record GatewayConfig(Server server, Limits limits, Models models, List<ProviderConfig> providers,
                            List<RouteConfig> routes, RateLimitStore rateLimits, StoreConfig store, CacheConfig cache,
                            AuthConfig auth, BudgetsConfig budgets, LoggingConfig logging, UsageConfig usage,
                            MemoryConfig memory, ChatConfig chat, RerankConfig rerank) {

    public static final GatewayConfig DEFAULT = new GatewayConfig(null, null, null);

    /** Server, limits and local models only. */
    public GatewayConfig(Server server, Limits limits, Models models) {
        this(server, limits, models, null, null, null, null, null, null, null, null, null, null);
    }

    /** Everything but chat and reranking, which keep their defaults. */
    public GatewayConfig(Server server, Limits limits, Models models, List<ProviderConfig> providers,
                         List<RouteConfig> routes, RateLimitStore rateLimits, StoreConfig store, CacheConfig cache,
                         AuthConfig auth, BudgetsConfig budgets, LoggingConfig logging, UsageConfig usage,
                         MemoryConfig memory) {
        this(server, limits, models, providers, routes, rateLimits, store, cache, auth, budgets, logging, usage, memory,
                null, null);
    }

    public GatewayConfig {
        store = Objects.requireNonNullElse(store, StoreConfig.DEFAULT);
        cache = Objects.requireNonNullElse(cache, CacheConfig.DEFAULT);
        auth = Objects.requireNonNullElse(auth, AuthConfig.DEFAULT);
        budgets = Objects.requireNonNullElse(budgets, BudgetsConfig.DEFAULT);
        logging = Objects.requireNonNullElse(logging, LoggingConfig.DEFAULT);
        usage = Objects.requireNonNullElse(usage, UsageConfig.DEFAULT);
        memory = Objects.requireNonNullElse(memory, MemoryConfig.DEFAULT);
        chat = Objects.requireNonNullElse(chat, ChatConfig.DEFAULT);
        rerank = Objects.requireNonNullElse(rerank, RerankConfig.DEFAULT);
        providers = providers == null ? List.of() : List.copyOf(providers);
        routes = routes == null ? List.of() : List.copyOf(routes);
        rateLimits = Objects.requireNonNullElse(rateLimits, RateLimitStore.DEFAULT);
        server = Objects.requireNonNullElse(server, Server.DEFAULT);
        limits = Objects.requireNonNullElse(limits, Limits.DEFAULT);
        models = Objects.requireNonNullElse(models, Models.DEFAULT);
        Integer queueCapacity = models.inference().queueCapacity();
        // A request larger than the whole queue could never be admitted, and would be told to retry forever.
        ConfigChecks.require(queueCapacity == null || queueCapacity >= limits.maxInputs(), "models.inference.queueCapacity",
                "must be at least limits.maxInputs (" + limits.maxInputs() + "), was " + queueCapacity);
    }

    /** The same configuration with the store's data folder replaced ({@code serve --data-dir}). */
    public GatewayConfig withDataDir(Path dataDir) {
        return new GatewayConfig(server, limits, models, providers, routes, rateLimits, store.withDataDir(dataDir), cache,
                auth, budgets, logging, usage, memory, chat, rerank);
    }

    /** The same configuration with gateway API keys required ({@code serve --auth}, {@code EMBEDGATE_AUTH=true}). */
    public GatewayConfig withAuthRequired() {
        return new GatewayConfig(server, limits, models, providers, routes, rateLimits, store, cache, auth.required(),
                budgets, logging, usage, memory, chat, rerank);
    }

    /**
     * @param host            interface to listen on
     * @param port            TCP port (0 picks a free one)
     * @param maxRequestBytes largest request body accepted, as sent and once decompressed; larger ones get 413
     * @param maxRequestBytesInFlight most bytes of request bodies held at once, all requests together (a body of
     *                        unknown length counts as {@code maxRequestBytes}); a request beyond it gets 429 before
     *                        its body is parsed. Bounds the heap that concurrent large requests take.
     * @param cors            which web origins may call the API from a browser (none by default)
     * @param admin           who may use the operator's routes while API keys are off
     * @param shutdownGrace   on stop (SIGTERM, Ctrl-C), how long requests in flight may take to finish once no new
     *                        ones are taken; those still running after it are cut (default 5 s; 0 cuts at once)
     */
    public record Server(String host, Integer port, Long maxRequestBytes, Long maxRequestBytesInFlight, CorsConfig cors,
                         Admin admin, Duration shutdownGrace) {
        static final Server DEFAULT = new Server(null, null, null);

        public Server {
            host = Objects.requireNonNullElse(host, "0.0.0.0");
            port = Objects.requireNonNullElse(port, 8080);
            maxRequestBytes = Objects.requireNonNullElse(maxRequestBytes, 16L * 1024 * 1024);
            maxRequestBytesInFlight = Objects.requireNonNullElse(maxRequestBytesInFlight,
                    Math.max(64L * 1024 * 1024, 2 * maxRequestBytes));
            cors = Objects.requireNonNullElse(cors, CorsConfig.DEFAULT);
            admin = Objects.requireNonNullElse(admin, Admin.DEFAULT);
            shutdownGrace = Objects.requireNonNullElse(shutdownGrace, Duration.ofSeconds(5));
            ConfigChecks.require(!shutdownGrace.isNegative(), "server.shutdownGrace",
                    "must not be negative, was " + shutdownGrace);
            ConfigChecks.require(port >= 0 && port <= 65535, "server.port", "must be between 0 and 65535, was " + port);
            ConfigChecks.require(maxRequestBytes > 0, "server.maxRequestBytes", "must be positive, was " + maxRequestBytes);
            ConfigChecks.require(maxRequestBytesInFlight >= maxRequestBytes, "server.maxRequestBytesInFlight",
                    "must be at least server.maxRequestBytes (" + maxRequestBytes + "), was " + maxRequestBytesInFlight);
        }

        /** With the default bodies in flight, admin clients and shutdown grace, and without CORS. */
        public Server(String host, Integer port, Long maxRequestBytes) {
            this(host, port, maxRequestBytes, null, null, null, null);
        }

        public Server withPort(int newPort) {
            return new Server(host, newPort, maxRequestBytes, maxRequestBytesInFlight, cors, admin, shutdownGrace);
        }
    }

    /**
     * The operator's routes ({@code /status}, {@code /admin/...}, and {@code /metrics} unless {@code auth.openPaths}
     * opens it) while API keys are off. With keys on they need an admin key instead, from any address.
     *
     * @param allowFrom the clients they answer: {@code loopback} (the default: only this host), {@code any}, IP
     *                  addresses and CIDR blocks ({@code 10.0.0.0/8}); empty: none
     */
    public record Admin(List<String> allowFrom) {
        static final Admin DEFAULT = new Admin(null);

        public Admin {
            allowFrom = allowFrom == null ? List.of("loopback") : List.copyOf(allowFrom);
            try {
                AddressRanges.parse(allowFrom);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("configuration key 'server.admin.allowFrom': " + e.getMessage(), e);
            }
        }

        /** The clients {@link #allowFrom} names. */
        public AddressRanges clients() {
            return AddressRanges.parse(allowFrom);
        }
    }

    /** Per-request limits; see {@link EmbeddingLimits}. */
    public record Limits(Integer maxInputs, Integer maxCharsPerInput, Integer maxTokenIdsPerInput) {
        static final Limits DEFAULT = new Limits(null, null, null);

        public Limits {
            maxInputs = Objects.requireNonNullElse(maxInputs, EmbeddingLimits.DEFAULT.maxInputs());
            maxCharsPerInput = Objects.requireNonNullElse(maxCharsPerInput, EmbeddingLimits.DEFAULT.maxCharsPerInput());
            maxTokenIdsPerInput = Objects.requireNonNullElse(maxTokenIdsPerInput,
                    EmbeddingLimits.DEFAULT.maxTokenIdsPerInput());
            ConfigChecks.require(maxInputs > 0, "limits.maxInputs", "must be positive, was " + maxInputs);
            ConfigChecks.require(maxCharsPerInput > 0, "limits.maxCharsPerInput", "must be positive, was " + maxCharsPerInput);
            ConfigChecks.require(maxTokenIdsPerInput > 0, "limits.maxTokenIdsPerInput", "must be positive, was "
                    + maxTokenIdsPerInput);
        }

        public EmbeddingLimits toEmbeddingLimits() {
            return new EmbeddingLimits(maxInputs, maxCharsPerInput, maxTokenIdsPerInput);
        }
    }

    /**
     * @param defaultModel the model used when a caller names none (CLI, Java API); unset: the model of the provider
     *                     EMBEDDING_PROVIDER selects, else the local all-MiniLM-L6-v2
     * @param builtIn      whether the four bundled models are offered
     * @param cacheDir     where bundled ONNX graphs are extracted
     * @param directories  further sentence-transformers ONNX exports, each loaded from a directory
     * @param inference    how local models use the cores (defaults are sized to the machine)
     */
    public record Models(@JsonProperty("default") String defaultModel, Boolean builtIn, Path cacheDir,
                         List<DirectoryModel> directories, Inference inference) {
        static final Models DEFAULT = new Models(null, null, null, null, null);

        public Models {
            builtIn = Objects.requireNonNullElse(builtIn, true);
            cacheDir = Objects.requireNonNullElse(cacheDir, LocalModels.defaultCacheDir());
            directories = directories == null ? List.of() : List.copyOf(directories);
            inference = Objects.requireNonNullElse(inference, Inference.DEFAULT);
        }
    }

    /**
     * Overrides of {@link InferenceSettings#defaults}; unset fields keep the default. Models that must run one
     * text per call (int8) keep batches of one whatever {@code maxBatchSize} says.
     */
    public record Inference(Integer workers, Integer intraOpThreads, Integer maxBatchSize, Integer maxBatchTokens,
                            Integer queueCapacity, Integer queueTokens, Double backgroundShare) {
        static final Inference DEFAULT = new Inference(null, null, null, null, null, null, null);

        public Inference {
            requirePositiveIfSet(workers, "workers");
            requirePositiveIfSet(intraOpThreads, "intraOpThreads");
            requirePositiveIfSet(maxBatchSize, "maxBatchSize");
            requirePositiveIfSet(maxBatchTokens, "maxBatchTokens");
            requirePositiveIfSet(queueCapacity, "queueCapacity");
            requirePositiveIfSet(queueTokens, "queueTokens");
            ConfigChecks.require(backgroundShare == null || backgroundShare > 0 && backgroundShare <= 1,
                    "models.inference.backgroundShare", "must be more than 0 and at most 1, was " + backgroundShare);
        }

        private static void requirePositiveIfSet(Integer value, String key) {
            ConfigChecks.require(value == null || value > 0, "models.inference." + key, "must be positive, was " + value);
        }

        public InferenceSettings settingsFor(boolean batchable, int cores) {
            InferenceSettings defaults = InferenceSettings.defaults(batchable, cores);
            int batchTokens = Objects.requireNonNullElse(maxBatchTokens, defaults.maxBatchTokens());
            int tokens = Objects.requireNonNullElse(queueTokens, defaults.queueTokens());
            ConfigChecks.require(tokens >= 4 * batchTokens, "models.inference.queueTokens",
                    "must be at least 4 x models.inference.maxBatchTokens (" + 4 * batchTokens + "), was " + tokens);
            return new InferenceSettings(
                    Objects.requireNonNullElse(workers, defaults.workers()),
                    Objects.requireNonNullElse(intraOpThreads, defaults.intraOpThreads()),
                    batchable ? Objects.requireNonNullElse(maxBatchSize, defaults.maxBatchSize()) : 1,
                    batchTokens,
                    Objects.requireNonNullElse(queueCapacity, defaults.queueCapacity()),
                    tokens,
                    Objects.requireNonNullElse(backgroundShare, defaults.backgroundShare()));
        }
    }

    /**
     * A model loaded from a directory (see {@code ModelDirectoryReader} for the files it reads).
     *
     * @param name    the canonical name users send
     * @param aliases other accepted names
     * @param path    the directory
     */
    public record DirectoryModel(String name, List<String> aliases, Path path) {
        public DirectoryModel {
            ConfigChecks.require(name != null && !name.isBlank(), "models.directories[].name", "is required");
            ConfigChecks.require(path != null, "models.directories[].path", "is required for model '" + name + "'");
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }
    }
}
