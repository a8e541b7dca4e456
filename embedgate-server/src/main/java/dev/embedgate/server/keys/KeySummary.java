package dev.embedgate.server.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.embedgate.store.keys.ApiKey;
import dev.embedgate.usage.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A gateway API key as listed: everything but its secret, which is never kept.
 *
 * @param id                the public identifier (in logs, the usage ledger, {@code keys list})
 * @param name              what the key is for
 * @param scope             {@code tenant} (calls the API) or {@code admin} (may also read status and manage the cache)
 * @param createdAt         when it was created (ISO-8601 in JSON)
 * @param revokedAt         when it was revoked, or null while it is valid
 * @param allowedModels     the models it may use, sorted; empty: every model
 * @param namespaces        the memory namespaces it may use, sorted; empty: every namespace
 * @param requestsPerMinute its own rate limit, or null
 * @param dailyBudgetUsd    its spend cap per UTC day in US dollars, or null
 * @param monthlyBudgetUsd  its spend cap per UTC month in US dollars, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeySummary(String id, String name, String scope,
                         @JsonSerialize(using = ToStringSerializer.class) Instant createdAt,
                         @JsonSerialize(using = ToStringSerializer.class) Instant revokedAt, List<String> allowedModels,
                         List<String> namespaces, Integer requestsPerMinute, BigDecimal dailyBudgetUsd, BigDecimal monthlyBudgetUsd) {

    public KeySummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
        allowedModels = List.copyOf(allowedModels);
        namespaces = List.copyOf(namespaces);
    }

    static KeySummary of(ApiKey key) {
        return new KeySummary(key.id(), key.name(), key.scope().wireName(), key.createdAt(), key.revokedAt(),
                key.allowedModels().stream().sorted().toList(), key.namespaces().stream().sorted().toList(),
                key.requestsPerMinute(),
                usd(key.dailyBudgetNanoUsd()), usd(key.monthlyBudgetNanoUsd()));
    }

    private static BigDecimal usd(Long nanoUsd) {
        return nanoUsd == null ? null : PriceTable.usd(nanoUsd);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
