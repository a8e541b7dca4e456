package dev.embedgate.server.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.embedgate.embedding.Caller;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.server.config.Gateway;
import dev.embedgate.store.keys.ApiKey;
import dev.embedgate.store.keys.JdbcApiKeyStore;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer-token authentication with gateway API keys (when {@code auth.enabled}), before every matched route but the
 * open ones: 401 on a missing, unknown or revoked key, 403 on a tenant key at an operator's route
 * ({@link Access#ADMIN}), 429 when the key is over its own rate limit (kept where provider limits are: in this
 * process, or in Redis for every instance). The caller it finds travels with the request ({@link #caller}). Lookups
 * are cached for a few seconds, so a revoked key stops working within that time on every instance. Keys never appear
 * in answers or logs.
 */
final class ApiKeyAuth {

    private static final String CALLER = "embedgate.caller";
    private static final String KEY = "embedgate.key";
    private static final Duration LOOKUP_TTL = Duration.ofSeconds(5);

    private final Set<String> openPaths;
    private final JdbcApiKeyStore keys;
    private final Gateway gateway;
    private final ApiResponses responses;
    private final Cache<String, Optional<ApiKey>> lookups = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(LOOKUP_TTL).build();
    private final ConcurrentMap<String, ProviderRateLimiter> limiters = new ConcurrentHashMap<>();

    ApiKeyAuth(Gateway gateway, ApiResponses responses) {
        this.openPaths = Set.copyOf(gateway.auth().openPaths());
        this.keys = gateway.keys();
        this.gateway = gateway;
        this.responses = responses;
    }

    /**
     * Whether the request's key may use a memory namespace: always when authentication is off or the key is not
     * limited to namespaces.
     */
    static boolean mayUseNamespace(Context ctx, String namespace) {
        ApiKey key = ctx.attribute(KEY);
        return key == null || key.mayUseNamespace(namespace);
    }

    /** The caller of this request: its key, or {@link Caller#ANONYMOUS} when authentication is off. */
    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    void authenticate(Context ctx) {
        if (openPaths.contains(ctx.path())) {
            return;
        }
        String secret = bearer(ctx.header("Authorization"));
        if (secret == null) {
            refuse(ctx, new ApiError(401, "this gateway needs an API key: send 'Authorization: Bearer <key>' "
                    + "(create one with 'embedgate keys create')", ApiError.INVALID_REQUEST, null, "missing_api_key"));
            return;
        }
        Optional<ApiKey> key;
        try {
            key = lookups.get(secret, keys::findValid);
        } catch (IllegalStateException e) {
            refuse(ctx, new ApiError(503, "API keys cannot be checked right now: the store does not answer",
                    "api_error", null, "key_store_unavailable"));
            return;
        }
        if (key.isEmpty()) {
            refuse(ctx, new ApiError(401, "the API key is not valid (unknown or revoked)", ApiError.INVALID_REQUEST,
                    null, "invalid_api_key"));
            return;
        }
        if (Access.adminOnly(ctx) && !key.get().admin()) {
            refuse(ctx, new ApiError(403, "this route is for operators and needs an admin key; key '" + key.get().id()
                    + "' is a tenant key (an operator creates admin keys with 'embedgate keys create --admin')",
                    ApiError.PERMISSION, null, "admin_key_required"));
            return;
        }
        if (!withinRateLimit(key.get())) {
            refuse(ctx, new ApiError(429, "API key '" + key.get().id() + "' is over its limit of "
                    + key.get().requestsPerMinute() + " requests per minute", "rate_limit_error", null,
                    "rate_limit_exceeded", Math.max(1, 60 / key.get().requestsPerMinute())));
            return;
        }
        ctx.attribute(CALLER, key.get().caller());
        ctx.attribute(KEY, key.get());
    }

    private boolean withinRateLimit(ApiKey key) {
        if (key.requestsPerMinute() == null) {
            return true;
        }
        ProviderRateLimiter limiter = limiters.computeIfAbsent(key.id() + "/" + key.requestsPerMinute(),
                id -> gateway.apiKeyLimiter(key.id(), key.requestsPerMinute()));
        try {
            return limiter.acquire(0, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuse(Context ctx, ApiError error) {
        responses.error(ctx, error);
        ctx.skipRemainingHandlers();
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
