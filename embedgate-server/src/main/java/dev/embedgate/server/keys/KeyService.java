package dev.embedgate.server.keys;

import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.memory.MemoryNames;
import dev.embedgate.server.routes.ConfiguredModel;
import dev.embedgate.store.keys.JdbcApiKeyStore;
import dev.embedgate.store.keys.KeyScope;
import dev.embedgate.store.keys.NewApiKey;
import dev.embedgate.usage.PriceTable;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Gateway API keys for the people who hand them out: create (the secret is shown once, in the answer), list
 * (never a secret) and revoke. Running servers refuse a revoked key within the few seconds they cache lookups.
 * Thread-safe.
 */
public final class KeyService {

    private final JdbcApiKeyStore store;
    private final Supplier<List<ConfiguredModel>> models;

    /**
     * @param models the configured models, asked for only when a key is limited to some of them (building the
     *               routes is not free)
     */
    public KeyService(JdbcApiKeyStore store, Supplier<List<ConfiguredModel>> models) {
        this.store = store;
        this.models = models;
    }

    /**
     * Creates a key; its secret is in the answer and nowhere else (only its hash is stored).
     *
     * @param scope             tenant (calls the API) or admin (may also read status and manage the cache)
     * @param allowedModels     the models it may use, by name or alias; empty for every model
     * @param requestsPerMinute its own rate limit, or null
     * @param dailyBudgetUsd    its spend cap per UTC day in US dollars, or null
     * @param monthlyBudgetUsd  its spend cap per UTC month in US dollars, or null
     * @throws IllegalArgumentException when the name is blank, the limit is not positive, or a model is not
     *                                  configured (the message lists the configured ones)
     */
    public CreatedKey create(String name, KeyScope scope, Set<String> allowedModels, Integer requestsPerMinute,
                             BigDecimal dailyBudgetUsd, BigDecimal monthlyBudgetUsd) {
        return create(name, scope, allowedModels, Set.of(), requestsPerMinute, dailyBudgetUsd, monthlyBudgetUsd);
    }

    /**
     * Creates a key limited to memory namespaces.
     *
     * @param namespaces the memory namespaces it may use; empty for every namespace
     * @see #create(String, KeyScope, Set, Integer, BigDecimal, BigDecimal)
     */
    public CreatedKey create(String name, KeyScope scope, Set<String> allowedModels, Set<String> namespaces,
                             Integer requestsPerMinute, BigDecimal dailyBudgetUsd, BigDecimal monthlyBudgetUsd) {
        requireConfigured(allowedModels);
        requireValid(namespaces);
        NewApiKey created = store.create(name, scope, allowedModels, namespaces, requestsPerMinute,
                PriceTable.nanoUsd(dailyBudgetUsd), PriceTable.nanoUsd(monthlyBudgetUsd));
        return new CreatedKey(KeySummary.of(created.key()), created.secret());
    }

    private static void requireValid(Set<String> namespaces) {
        try {
            namespaces.forEach(namespace -> MemoryNames.namespace(namespace, "namespace"));
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A key limited to a model that does not exist could never be used for it: refused before it is made. */
    private void requireConfigured(Set<String> allowedModels) {
        if (allowedModels.isEmpty()) {
            return;
        }
        List<ConfiguredModel> configured = models.get();
        var names = new HashSet<String>();
        configured.forEach(model -> {
            names.add(model.name());
            names.addAll(model.aliases());
        });
        List<String> unknown = allowedModels.stream().filter(model -> !names.contains(model)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "model '" + unknown.getFirst() + "' is"
                    : "models '" + String.join("', '", unknown) + "' are") + " not configured; configured models: "
                    + configured.stream().map(KeyService::describe).collect(Collectors.joining(", ")));
        }
    }

    private static String describe(ConfiguredModel model) {
        return model.aliases().isEmpty() ? model.name()
                : model.name() + " (" + String.join(", ", model.aliases()) + ")";
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
