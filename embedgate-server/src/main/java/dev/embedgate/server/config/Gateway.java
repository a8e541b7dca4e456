package dev.embedgate.server.config;

import dev.embedgate.chat.ChatService;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.rerank.RerankService;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.metrics.ProcessMetrics;
import dev.embedgate.limits.RateLimit;
import dev.embedgate.server.cache.CacheService;
import dev.embedgate.server.memory.MemoryParts;
import dev.embedgate.server.status.ReadinessService;
import dev.embedgate.server.status.StatusService;
import dev.embedgate.store.DataFolderLock;
import dev.embedgate.store.Database;
import dev.embedgate.store.keys.JdbcApiKeyStore;
import dev.embedgate.usage.UsageRecorder;
import java.util.Optional;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A gateway's assembled parts: the embedding pipeline (with its cache, usage recorder and budgets), the
 * operational database and the gateway API keys in it, how the HTTP API authenticates, and the application
 * services that HTTP and the dashboard translate (status, readiness, cache, and the {@link Operations} the CLI
 * shares). Closing it flushes usage, closes everything in order, and last gives up the data folder.
 */
public final class Gateway implements AutoCloseable {

    private final EmbeddingService service;
    private final ChatService chat;
    private final RerankService rerank;
    private final Database database;
    private final DataFolderLock folderLock;
    private final JdbcApiKeyStore keys;
    private final AuthConfig auth;
    private final RateLimiters rateLimiters;
    private final PrometheusMeterRegistry metrics;
    private final ProcessMetrics processMetrics;
    private final Operations operations;
    private final MemoryParts memory;
    private final ReadinessService readiness;
    private final StatusService status;
    private final CacheService cache;

    /**
     * @param folderLock     the SQLite data folder's lock, released after the database closes; null on PostgreSQL
     * @param processMetrics the JVM's and the process's meters in {@code metrics}, which listen to the JVM until closed
     */
    Gateway(EmbeddingService service, ChatService chat, RerankService rerank, Database database, DataFolderLock folderLock, JdbcApiKeyStore keys,
            AuthConfig auth, RateLimiters rateLimiters, PrometheusMeterRegistry metrics, ProcessMetrics processMetrics,
            Operations operations, ReadinessService readiness, StatusService status, CacheService cache,
            MemoryParts memory) {
        this.memory = memory;
        this.rateLimiters = rateLimiters;
        this.operations = operations;
        this.readiness = readiness;
        this.status = status;
        this.cache = cache;
        this.metrics = metrics;
        this.processMetrics = processMetrics;
        this.service = service;
        this.chat = chat;
        this.rerank = rerank;
        this.database = database;
        this.folderLock = folderLock;
        this.keys = keys;
        this.auth = auth;
    }

    public EmbeddingService service() {
        return service;
    }

    /** Chat completions over the chat models' providers. */
    public ChatService chat() {
        return chat;
    }

    /** Reranking over the reranking models' providers and the local cosine ranker. */
    public RerankService rerank() {
        return rerank;
    }

    public UsageRecorder usage() {
        return service.usage();
    }

    public JdbcApiKeyStore keys() {
        return keys;
    }

    public AuthConfig auth() {
        return auth;
    }

    /**
     * The limiter of a gateway API key's own requests per minute: shared by every instance when rate limits are
     * kept in Redis ({@code rateLimits.store: redis}), else in this process.
     */
    public ProviderRateLimiter apiKeyLimiter(String keyId, int requestsPerMinute) {
        return rateLimiters.forApiKey(keyId, RateLimit.perMinute(requestsPerMinute, null));
    }

    /** The routes, API keys and usage, as the CLI also sees them. */
    public Operations operations() {
        return operations;
    }

    /** The vector memory, unless {@code memory.store} is {@code off}. */
    public Optional<MemoryParts> memory() {
        return Optional.ofNullable(memory);
    }

    /** What {@code /ready} reports. */
    public ReadinessService readinessService() {
        return readiness;
    }

    /** What {@code /status} reports. */
    public StatusService statusService() {
        return status;
    }

    /** The cache's counters, contents and purge, for {@code /admin/cache}. */
    public CacheService cacheService() {
        return cache;
    }

    /** The registry every meter reports to, scraped on {@code /metrics}. */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        processMetrics.close();
        if (memory != null) {
            memory.close();
        }
        service.usage().close();
        chat.routes().close();
        rerank.routes().close();
        service.registry().close();
        service.cache().close();
        rateLimiters.close();
        database.close();
        if (folderLock != null) {
            folderLock.close();
        }
    }
}
