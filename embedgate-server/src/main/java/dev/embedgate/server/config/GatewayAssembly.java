package dev.embedgate.server.config;

import dev.embedgate.cache.CacheTier;
import dev.embedgate.cache.EmbeddingCache;
import dev.embedgate.cache.MemoryCacheTier;
import dev.embedgate.call.CallClock;
import dev.embedgate.call.CallPaths;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.error.ModelNotFoundException;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.metrics.ProcessMetrics;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderPlugins;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.provider.local.ModelDirectoryReader;
import dev.embedgate.server.cache.CacheService;
import dev.embedgate.server.memory.MemoryMeters;
import dev.embedgate.server.memory.MemoryParts;
import dev.embedgate.server.routes.RouteCatalog;
import dev.embedgate.server.routes.RoutedProvider;
import dev.embedgate.server.status.ReadinessService;
import dev.embedgate.server.status.StatusService;
import dev.embedgate.redis.RedisCacheTier;
import dev.embedgate.store.DataFolderLock;
import dev.embedgate.store.Database;
import dev.embedgate.store.cache.JdbcCacheTier;
import dev.embedgate.store.keys.JdbcApiKeyStore;
import dev.embedgate.store.usage.JdbcUsageLedger;
import dev.embedgate.usage.Budget;
import dev.embedgate.usage.BudgetGuard;
import dev.embedgate.usage.Price;
import dev.embedgate.usage.PriceTable;
import dev.embedgate.chat.ChatService;
import dev.embedgate.rerank.RerankService;
import dev.embedgate.server.status.CapabilityProviders;
import dev.embedgate.usage.UsageRecorder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the object graph from configuration: the one place that knows every concrete class. */
public final class GatewayAssembly {

    private static final Logger log = LoggerFactory.getLogger(GatewayAssembly.class);

    private GatewayAssembly() {
    }

    /**
     * The pipeline alone, for one-shot use (the CLI's {@code embed}): no cache, no store, no usage ledger. The
     * environment supplies provider keys and URLs.
     */
    public static EmbeddingService embeddingService(GatewayConfig config, ProviderEnvironment environment) {
        ModelRegistry registry = registry(config, environment, CallPaths.standalone(),
                RateLimiters.from(config.rateLimits()));
        return new EmbeddingService(registry, config.limits().toEmbeddingLimits());
    }

    /**
     * The application services of the CLI's {@code models}, {@code keys} and {@code cost}: the same routes, store
     * and services as {@code serve}, each opened on first use. The caller closes them. The environment supplies
     * provider keys, URLs and the store's password.
     */
    public static Operations operations(GatewayConfig config, ProviderEnvironment environment, Clock clock) {
        return Operations.opening(config, environment, clock);
    }

    /**
     * The whole gateway for {@code serve}: the pipeline with its cache tiers, the usage recorder, and the
     * operational database (SQLite in the data folder, or PostgreSQL), migrated to the current schema. On SQLite the
     * gateway holds the data folder's {@link DataFolderLock} until it closes: one server per folder.
     *
     * @throws dev.embedgate.store.DataFolderInUseException when another server holds the data folder
     */
    public static Gateway gateway(GatewayConfig config, ProviderEnvironment environment, Clock clock) {
        DataFolderLock folderLock = config.store().postgres() == null ? DataFolderLock.acquire(config.store().dataDir())
                : null;
        Database database = null;
        MemoryParts memory = null;
        RateLimiters rateLimiters = null;
        EmbeddingService service = null;
        CapabilityRoutes capabilities = null;
        try {
            database = database(config.store(), environment);
            var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            var metrics = new GatewayMetrics(prometheus);
            rateLimiters = RateLimiters.from(config.rateLimits());
            var callPaths = new CallPaths(CallClock.SYSTEM, metrics, config.logging().failureSummaryInterval());
            ModelRegistry registry;
            BudgetCaps caps;
            try {
                registry = registry(config, environment, callPaths, rateLimiters);
            } catch (RuntimeException e) {
                rateLimiters.close();
                throw e;
            }
            var routes = new RouteCatalog(registry);
            try {
                capabilities = CapabilityRoutes.build(config, environment, callPaths, rateLimiters, registry);
                caps = budgetCaps(config.budgets(), registry, routes, capabilities);
            } catch (RuntimeException e) {
                if (capabilities != null) {
                    capabilities.close();
                }
                registry.close();
                rateLimiters.close();
                throw e;
            }
            EmbeddingCache cache = cache(config.cache(), database, clock, metrics);
            var usage = new UsageRecorder(new JdbcUsageLedger(database), prices(routes, config.providers(),
                    capabilities.prices()), clock, config.usage().flushInterval(), config.usage().writes(), metrics);
            var budgets = new BudgetGuard(caps.providers(), caps.models(), config.budgets().warnAtPercent(), usage,
                    clock);
            service = EmbeddingService.builder(registry)
                    .limits(config.limits().toEmbeddingLimits())
                    .cache(cache)
                    .usage(usage)
                    .budgets(budgets)
                    .metrics(metrics)
                    .build();
            var chat = new ChatService(capabilities.chat(), config.chat().deadlines().toDeadlines(), budgets, usage,
                    metrics);
            var rerank = new RerankService(capabilities.rerank(), config.rerank().settings(),
                    CapabilityRoutes.cosineRanker(service, config.rerank()), budgets, usage, metrics);
            log.info("store: {}; cache: {}; API keys {}; usage written {}", database.description(), cache.enabled()
                    ? cache.tiers().stream().map(CacheTier::name).collect(Collectors.joining(" -> ")) : "off",
                    config.auth().enabled() ? "required" : "off", config.usage().durable()
                    ? "before each answer (durable)" : "every " + config.usage().flushInterval().toMillis() + " ms");
            var cacheService = new CacheService(cache);
            var readiness = new ReadinessService(routes, database, cache, rateLimiters::sharedStoreReachable);
            memory = MemoryAssembly.open(config, database, service, clock);
            if (memory != null) {
                MemoryMeters.bindTo(prometheus, memory);
            }
            var status = new StatusService(readiness, routes,
                    new CapabilityProviders(capabilities.chat(), capabilities.rerank()), database, cacheService, service.budgets(),
                    memory == null ? null : memory.spaces());
            return new Gateway(service, chat, rerank, database, folderLock, new JdbcApiKeyStore(database, clock), config.auth(),
                    rateLimiters, prometheus, ProcessMetrics.bindTo(prometheus),
                    Operations.over(database, routes, clock), readiness, status, cacheService, memory);
        } catch (RuntimeException e) {
            if (memory != null) {
                memory.close();
            }
            if (capabilities != null && service != null) {
                capabilities.close();
            }
            if (service != null) {
                // Built whole: its recorder's flush thread, the models and the limiters' connections go with it.
                service.usage().close();
                service.registry().close();
                service.cache().close();
                rateLimiters.close();
            }
            if (database != null) {
                database.close();
            }
            if (folderLock != null) {
                folderLock.close();
            }
            throw e;
        }
    }

    /** The operational database the configuration names, migrated. */
    public static Database database(StoreConfig store, ProviderEnvironment environment) {
        StoreConfig.Postgres postgres = store.postgres();
        try {
            if (postgres == null) {
                return Database.sqlite(store.dataDir());
            }
            String password = postgres.passwordEnv() == null ? null : environment.secret(postgres.passwordEnv())
                    .orElseThrow(() -> new ConfigException("store.postgres.passwordEnv: the variable "
                            + postgres.passwordEnv() + " is not set"))
                    .reveal();
            return Database.postgres(postgres.url(), postgres.user(), password, postgres.maxConnections());
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            String where = postgres == null ? "store.dataDir (" + store.dataDir() + ")" : "store.postgres.url";
            throw new ConfigException(where + ": the operational database cannot be opened: " + e.getMessage(), e);
        }
    }

    private static EmbeddingCache cache(CacheConfig config, Database database, Clock clock, GatewayMetrics metrics) {
        if (!config.enabled()) {
            return EmbeddingCache.disabled();
        }
        var tiers = new ArrayList<CacheTier>();
        tiers.add(new MemoryCacheTier(config.memory().maxEntries(), config.memory().maxBytes(), config.memory().ttl(),
                config.staleFor(), clock));
        CacheConfig.Shared shared = config.shared();
        switch (shared.resolvedTier()) {
            case "redis" -> tiers.add(new RedisCacheTier(shared.redisUrl(), shared.ttl(), config.staleFor(),
                    Duration.ofMillis(shared.timeoutMillis())));
            case "database" -> tiers.add(new JdbcCacheTier(database, shared.ttl(), config.staleFor(), clock));
            default -> {
            }
        }
        return new EmbeddingCache(tiers, metrics);
    }

    /** Spend caps by provider name and by canonical model name. */
    private record BudgetCaps(Map<String, Budget> providers, Map<String, Budget> models) {
    }

    /** The configured caps, each checked against the providers and models that exist. */
    private static BudgetCaps budgetCaps(BudgetsConfig config, ModelRegistry registry, RouteCatalog routes,
                                         CapabilityRoutes capabilities) {
        Set<String> providerNames = Stream.concat(routes.providers().stream().map(RoutedProvider::name),
                capabilities.providerNames()).collect(Collectors.toCollection(TreeSet::new));
        var providers = new HashMap<String, Budget>();
        config.providers().forEach((name, cap) -> {
            ConfigChecks.require(providerNames.contains(name), "budgets.providers." + name,
                    "names no provider; providers: " + providerNames);
            providers.put(name, cap.toBudget());
        });
        var models = new HashMap<String, Budget>();
        config.models().forEach((name, cap) -> {
            String canonical;
            try {
                canonical = capabilities.modelNamed(name).orElseGet(() -> registry.resolve(name).name());
            } catch (ModelNotFoundException e) {
                throw new ConfigException("budgets.models." + name + ": " + e.getMessage(), e);
            }
            models.put(canonical, cap.toBudget());
        });
        return new BudgetCaps(providers, models);
    }

    /**
     * Every provider's price: per input token as configured or as the catalog lists it, plus the per-output-token
     * and per-call prices a configured provider declares; chat and reranking providers' as they were built.
     */
    private static PriceTable prices(RouteCatalog routes, List<ProviderConfig> configured,
                                     Map<String, Price> chatAndRerank) {
        var prices = new HashMap<String, Price>(chatAndRerank);
        routes.providers().forEach(routed -> prices.put(routed.name(),
                Price.perMillionInputTokens(routed.provider().usdPerMillionTokens())));
        for (ProviderConfig provider : configured) {
            prices.computeIfPresent(provider.name(), (name, price) -> new Price(price.usdPerMillionInputTokens(),
                    provider.usdPerMillionOutputTokens(), provider.usdPerRequest()));
        }
        return new PriceTable(prices);
    }

    static ModelRegistry registry(GatewayConfig config, ProviderEnvironment environment, CallPaths paths,
                                  RateLimiters rateLimiters) {
        GatewayConfig.Models models = config.models();
        List<LocalModelSpec> specs = new ArrayList<>();
        Map<String, String> absent = Map.of();
        if (models.builtIn()) {
            specs.addAll(BuiltInModels.onClassPath(models.cacheDir()));
            absent = BuiltInModels.absent(models.cacheDir());
        }
        for (GatewayConfig.DirectoryModel model : models.directories()) {
            try {
                specs.add(ModelDirectoryReader.read(model.name(), model.aliases(), model.path()));
            } catch (IOException e) {
                throw new ConfigException("models.directories: model '" + model.name() + "': " + e.getMessage(), e);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<ModelRoute> routes = new ArrayList<>(specs.stream()
                .map(spec -> LocalModels.route(spec, models.inference().settingsFor(spec.batchable(), cores), paths))
                .toList());
        ProviderPlugins plugins = ProviderPlugins.discovered();
        // A configured provider of kind local is an in-process model, taken from its route before the environment's
        // providers join that route (they may come first in it); configured routes are never joined by them.
        List<ModelRoute> configured = new ConfiguredRoutes(plugins, environment, rateLimiters, paths)
                .build(config, routes);
        // all-MiniLM-L6-v2 when it is served here, else (no bundled weights, or models.builtIn off) the first local model
        String localDefault = routes.stream().map(ModelRoute::name).filter(BuiltInModels.MINILM::equals).findFirst()
                .orElse(routes.isEmpty() ? null : routes.getFirst().name());
        String defaultModel = new EnvironmentRoutes(plugins, environment, paths).addTo(routes, config, localDefault);
        routes.addAll(configured);
        if (routes.isEmpty()) {
            throw new ConfigException(absent.isEmpty()
                    ? "no model is configured: set models.builtIn to true or add models.directories"
                    : "no model to serve: this EmbedGate has no bundled model weights (the slim distribution); "
                    + "point it at a provider (OPENAI_API_KEY, HF_TOKEN, COHERE_API_KEY, OLLAMA_HOST, or providers "
                    + "and routes in the configuration), or give it a local model (models.directories, or a model "
                    + "jar on the class path; docs/local-models.md)");
        }
        if (defaultModel == null) {
            // Without the bundled weights and any local model, the default is the first model there is.
            defaultModel = routes.getFirst().name();
        }
        try {
            return new ModelRegistry(routes, defaultModel, absent);
        } catch (RuntimeException e) {
            throw new ConfigException("models: " + e.getMessage(), e);
        }
    }
}
