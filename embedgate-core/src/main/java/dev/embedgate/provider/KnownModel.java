package dev.embedgate.provider;

import dev.embedgate.space.EmbeddingSpace;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A model EmbedGate knows the defaults of, as one provider serves it.
 *
 * @param kind                the provider kind serving it ({@link ProviderPlugin#kind()})
 * @param name                the provider's name for it (sent on the wire)
 * @param aliases             other names accepted for it
 * @param space               its space at its native dimensions
 * @param limits              what one call may carry by default
 * @param usdPerMillionTokens the list price, in US dollars per million input tokens (0 for self-hosted models)
 * @param shortenable         whether the provider cuts vectors to fewer dimensions on request (Matryoshka models)
 * @param tokenCounter        how tokens are counted for it
 */
public record KnownModel(String kind, String name, List<String> aliases, EmbeddingSpace space,
                         ProviderLimits limits, BigDecimal usdPerMillionTokens, boolean shortenable,
                         TokenCounter tokenCounter) {

    public KnownModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(usdPerMillionTokens, "usdPerMillionTokens");
        Objects.requireNonNull(tokenCounter, "tokenCounter");
    }

    /** Whether the name or one of the aliases is this one, ignoring case. */
    public boolean isNamed(String candidate) {
        String lower = candidate.strip().toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).equals(lower)
                || aliases.stream().anyMatch(alias -> alias.toLowerCase(Locale.ROOT).equals(lower));
    }

    /** The model at its native dimensions. */
    public RemoteModel remoteModel() {
        return new RemoteModel(name, space, space.dimensions(), limits, tokenCounter, usdPerMillionTokens);
    }

    /**
     * The model cut to fewer dimensions: a space of its own (the same model at another length is another space).
     *
     * @throws IllegalArgumentException if the model cannot be shortened, or not to that length
     */
    public RemoteModel remoteModel(int dimensions) {
        if (dimensions == space.dimensions()) {
            return remoteModel();
        }
        if (!shortenable) {
            throw new IllegalArgumentException(name + " always returns " + space.dimensions() + " dimensions; it cannot "
                    + "serve " + dimensions + " (remove the dimensions setting)");
        }
        if (dimensions <= 0 || dimensions > space.dimensions()) {
            throw new IllegalArgumentException(name + " can be shortened to 1-" + space.dimensions()
                    + " dimensions; " + dimensions + " asked");
        }
        var shortened = new EmbeddingSpace(space.model(), space.revision(), dimensions, space.pooling(),
                space.normalized(), space.maxTokens(), space.queryPrefix(), space.documentPrefix());
        return new RemoteModel(name, shortened, space.dimensions(), limits, tokenCounter, usdPerMillionTokens);
    }
}
