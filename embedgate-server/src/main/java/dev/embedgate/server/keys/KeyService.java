package dev.embedgate.server.keys;

import dev.embedgate.store.keys.JdbcApiKeyStore;
import dev.embedgate.store.keys.KeyScope;
import dev.embedgate.store.keys.NewApiKey;
import dev.embedgate.usage.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Gateway API keys for the people who hand them out: create (the secret is shown once, in the answer), list
 * (never a secret) and revoke. Running servers refuse a revoked key within the few seconds they cache lookups.
 * Thread-safe.
 */
public final class KeyService {

    private final JdbcApiKeyStore store;

    public KeyService(JdbcApiKeyStore store) {
        this.store = store;
    }

    /**
     * Creates a key; its secret is in the answer and nowhere else (only its hash is stored).
     *
     * @param scope             tenant (calls the API) or admin (may also read status and manage the cache)
     * @param allowedModels     the models it may use; empty for every model
     * @param requestsPerMinute its own rate limit, or null
     * @param dailyBudgetUsd    its spend cap per UTC day in US dollars, or null
     * @param monthlyBudgetUsd  its spend cap per UTC month in US dollars, or null
     * @throws IllegalArgumentException when the name is blank or the limit is not positive
     */
    public CreatedKey create(String name, KeyScope scope, Set<String> allowedModels, Integer requestsPerMinute,
                             BigDecimal dailyBudgetUsd, BigDecimal monthlyBudgetUsd) {
        NewApiKey created = store.create(name, scope, allowedModels, requestsPerMinute,
                PriceTable.nanoUsd(dailyBudgetUsd), PriceTable.nanoUsd(monthlyBudgetUsd));
        return new CreatedKey(KeySummary.of(created.key()), created.secret());
    }

    /** Every key, revoked ones included, oldest first. */
    public List<KeySummary> list() {
        return store.list().stream().map(KeySummary::of).toList();
    }

    /** Revokes the key; false if no valid key has that id. */
    public boolean revoke(String id) {
        return store.revoke(id);
    }
}
