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
 * @param dimensionOptions    the lengths it answers with: its space's, and shorter ones for models that shorten
 * @param tokenCounter        how tokens are counted for it
 */
public record KnownModel(String kind, String name, List<String> aliases, EmbeddingSpace space,
                         ProviderLimits limits, BigDecimal usdPerMillionTokens,
                         DimensionOptions dimensionOptions, TokenCounter tokenCounter) {

    public KnownModel {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(usdPerMillionTokens, "usdPerMillionTokens");
        Objects.requireNonNull(tokenCounter, "tokenCounter");
        Objects.requireNonNull(dimensionOptions, "dimensionOptions");
        if (dimensionOptions.nativeDimensions() != space.dimensions()) {
            throw new IllegalArgumentException(name + ": the dimension options are of a " + dimensionOptions
                    .nativeDimensions() + "-dimensional model, the space has " + space.dimensions());
        }
    }

    /** Whether the name or one of the aliases is this one, ignoring case. */
    public boolean isNamed(String candidate) {
        String lower = candidate.strip().toLowerCase(Locale.ROOT);
        return name.toLowerCase(Locale.ROOT).equals(lower)
                || aliases.stream().anyMatch(alias -> alias.toLowerCase(Locale.ROOT).equals(lower));
    }

    /** The model at its native dimensions. */
    public RemoteModel remoteModel() {
        return new RemoteModel(name, space, dimensionOptions, limits, tokenCounter, usdPerMillionTokens);
    }

    /**
     * The model cut to fewer dimensions: a space of its own (the same model at another length is another space).
     *
     * @throws IllegalArgumentException if the model cannot be shortened, or not to that length
     */
    public RemoteModel remoteModel(int dimensions) {
        if (!dimensionOptions.shortens() && dimensions != space.dimensions()) {
            throw new IllegalArgumentException(name + " always returns " + space.dimensions() + " dimensions; it cannot "
                    + "serve " + dimensions + " (remove the dimensions setting)");
        }
        if (!dimensionOptions.allows(dimensions)) {
            throw new IllegalArgumentException(name + " can be shortened to " + dimensionOptions.describe()
                    + " dimensions; " + dimensions + " asked");
        }
        return remoteModel().withDimensions(dimensions);
    }
}
