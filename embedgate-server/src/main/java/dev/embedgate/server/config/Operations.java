package dev.embedgate.server.config;

import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.call.CallPaths;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.server.keys.KeyService;
import dev.embedgate.server.routes.RouteCatalog;
import dev.embedgate.server.usage.UsageService;
import dev.embedgate.store.Database;
import dev.embedgate.store.keys.JdbcApiKeyStore;
import dev.embedgate.store.usage.JdbcUsageLedger;
import java.time.Clock;

/**
 * The application services that need no running gateway: the configured routes, gateway API keys and the usage
 * ledger. A running gateway's ({@link Gateway#operations}) work over its own store and routes. The CLI's
 * ({@link GatewayAssembly#operations}) open the store and build the routes from the configuration on first use, so
 * that listing models opens no database and managing keys loads no model; closing them closes what they opened.
 * Thread-safe.
 */
public final class Operations implements AutoCloseable {

    private final GatewayConfig config;
    private final ProviderEnvironment environment;
    private final Clock clock;
    private final boolean ownsParts;
    private Database database;
    private RateLimiters rateLimiters;
    private ModelRegistry registry;
    private RouteCatalog routes;
    private KeyService keys;
    private UsageService usage;

    private Operations(GatewayConfig config, ProviderEnvironment environment, Clock clock, boolean ownsParts) {
        this.config = config;
        this.environment = environment;
        this.clock = clock;
        this.ownsParts = ownsParts;
    }

    /** Parts made from the configuration when first needed, and closed with this. */
    static Operations opening(GatewayConfig config, ProviderEnvironment environment, Clock clock) {
        return new Operations(config, environment, clock, true);
    }

    /** Over a gateway's store and routes, which the gateway closes. */
    static Operations over(Database database, RouteCatalog routes, Clock clock) {
        var operations = new Operations(null, null, clock, false);
        operations.database = database;
        operations.routes = routes;
        return operations;
    }

    /** The configured models and the providers behind them. */
    public synchronized RouteCatalog routes() {
        if (routes == null) {
            rateLimiters = RateLimiters.from(config.rateLimits());
            try {
                registry = GatewayAssembly.registry(config, environment, CallPaths.standalone(), rateLimiters);
            } catch (RuntimeException e) {
                rateLimiters.close();
                rateLimiters = null;
                throw e;
            }
            routes = new RouteCatalog(registry);
        }
        return routes;
    }

    /** Gateway API keys: create, list, revoke. */
    public synchronized KeyService keys() {
        if (keys == null) {
            keys = new KeyService(new JdbcApiKeyStore(database(), clock), () -> routes().models());
        }
        return keys;
    }

    /** The usage ledger, summed. */
    public synchronized UsageService usage() {
        if (usage == null) {
            usage = new UsageService(new JdbcUsageLedger(database()));
        }
        return usage;
    }

    private Database database() {
        if (database == null) {
            database = GatewayAssembly.database(config.store(), environment);
        }
        return database;
    }

    /** Closes the models, rate limiters and store this opened; nothing when it works over a gateway. */
    @Override
    public synchronized void close() {
        if (!ownsParts) {
            return;
        }
        if (registry != null) {
            registry.close();
        }
        if (rateLimiters != null) {
            rateLimiters.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
