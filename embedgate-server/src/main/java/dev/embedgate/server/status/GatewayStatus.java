package dev.embedgate.server.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embedgate.server.cache.CacheStatus;
import dev.embedgate.server.memory.MemoryTotals;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /status} answers: the readiness verdict with every part in detail. Never holds a secret.
 *
 * @param status         {@code ready} or {@code not_ready}, as {@code /ready} says
 * @param defaultModel   the model served to callers that name none
 * @param providers      every configured provider, cross-space fallbacks included
 * @param store          the operational database
 * @param cache          the cache tiers and their counters
 * @param rateLimitStore the Redis of shared rate limits, {@code up} or {@code down}; null (and absent from JSON)
 *                       when limits are kept in this process
 * @param models         each model: {@code loaded} or {@code loads on first use}
 * @param budgets        every configured spend cap and what it has spent
 * @param memory         the memory's counts; null (and absent from JSON) when the memory is off
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GatewayStatus(String status, String defaultModel, List<ProviderStatus> providers, StoreStatus store,
                            CacheStatus cache, @JsonInclude(JsonInclude.Include.NON_NULL) String rateLimitStore,
                            Map<String, String> models, List<BudgetStatus> budgets,
                            @JsonInclude(JsonInclude.Include.NON_NULL) MemoryTotals memory) {

    public GatewayStatus {
        providers = List.copyOf(providers);
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        budgets = List.copyOf(budgets);
    }
}
