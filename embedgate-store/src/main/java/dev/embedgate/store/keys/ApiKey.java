package dev.embedgate.store.keys;

import dev.embedgate.embedding.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A gateway API key as stored: never its secret, only the secret's SHA-256.
 *
 * @param id                   a public identifier (in logs, the usage ledger, {@code keys list})
 * @param name                 what the key is for, as its creator wrote it
 * @param scope                what it may do: call the API (tenant) or operate the gateway too (admin)
 * @param createdAt            when it was created
 * @param revokedAt            when it was revoked, or null while it is valid
 * @param allowedModels        the models it may use; empty: every model
 * @param namespaces           the memory namespaces it may read and write; empty: every namespace
 * @param requestsPerMinute    its own rate limit, or null
 * @param dailyBudgetNanoUsd   its spend cap per UTC day (10^-9 US dollars), or null
 * @param monthlyBudgetNanoUsd its spend cap per UTC month, or null
 */
public record ApiKey(String id, String name, KeyScope scope, Instant createdAt, Instant revokedAt,
                     Set<String> allowedModels, Set<String> namespaces, Integer requestsPerMinute, Long dailyBudgetNanoUsd,
                     Long monthlyBudgetNanoUsd) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(createdAt, "createdAt");
        allowedModels = Set.copyOf(allowedModels);
        namespaces = Set.copyOf(namespaces);
    }

    /** Whether it may read and write memories of the namespace. */
    public boolean mayUseNamespace(String namespace) {
        return namespaces.isEmpty() || namespaces.contains(namespace);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether it may use the operator's routes ({@code /status}, {@code /admin/...}). */
    public boolean admin() {
        return scope == KeyScope.ADMIN;
    }

    /** The key as the embedding pipeline sees its caller. */
    public Caller caller() {
        return new Caller(id, allowedModels, dailyBudgetNanoUsd, monthlyBudgetNanoUsd);
    }
}
