package dev.embedgate.rerank;

import dev.embedgate.call.Guarded;
import java.util.List;
import java.util.Objects;

/**
 * A reranking model as callers name it.
 *
 * @param name          the model name requests use
 * @param aliases       other accepted names
 * @param providers     tried in order; one request's scores always come from one of them, never mixed
 * @param localFallback whether, once every provider failed, the local cosine ranker may answer (marked as such)
 */
public record RerankRoute(String name, List<String> aliases, List<Guarded<RerankProvider>> providers,
                          boolean localFallback) {

    public RerankRoute {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        providers = List.copyOf(providers);
        if (providers.isEmpty() && !localFallback) {
            throw new IllegalArgumentException("rerank model '" + name
                    + "' needs at least one provider or the local fallback");
        }
    }

    /** Whether the name or one of the aliases is this one, ignoring case. */
    public boolean isNamed(String candidate) {
        return name.equalsIgnoreCase(candidate) || aliases.stream().anyMatch(candidate::equalsIgnoreCase);
    }
}
