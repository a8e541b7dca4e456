package dev.embedgate.embedding;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who a request is for: a gateway API key with what it may do, or the anonymous caller.
 *
 * @param apiKeyId             the key's id (never its secret); {@code ""} for the anonymous caller
 * @param allowedModels        model names (canonical or alias) the key may use; empty: every model
 * @param dailyBudgetNanoUsd   the key's spend cap per UTC day in 10^-9 US dollars, or null
 * @param monthlyBudgetNanoUsd the key's spend cap per UTC month in 10^-9 US dollars, or null
 */
public record Caller(String apiKeyId, Set<String> allowedModels, Long dailyBudgetNanoUsd, Long monthlyBudgetNanoUsd) {

    /** No key: every model, no budget of its own. */
    public static final Caller ANONYMOUS = new Caller("", Set.of(), null, null);

    public Caller {
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        allowedModels = Set.copyOf(allowedModels);
    }

    /** Whether the key may use the route (named by its canonical name or any alias). */
    public boolean mayUse(ModelRoute route) {
        return mayUse(route.name(), route.aliases());
    }

    /** Whether the key may use the model of this canonical name and aliases. */
    public boolean mayUse(String name, List<String> aliases) {
        return allowedModels.isEmpty() || allowedModels.contains(name) || aliases.stream().anyMatch(allowedModels::contains);
    }
}
