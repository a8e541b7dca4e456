package dev.embedgate.provider;

import dev.embedgate.space.EmbeddingSpace;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A model as one remote provider serves it: the name sent on the wire and the space its vectors belong to.
 *
 * @param wireName         the model name in requests ({@code text-embedding-3-small}, {@code all-minilm}); may
 *                         differ from the space's model when a provider names a model its own way
 * @param space            the space of the vectors (its dimensions may be below the model's full length for models
 *                         that shorten on request)
 * @param dimensionOptions the lengths the model answers with; a length other than the full one is asked for
 *                         explicitly (OpenAI's {@code dimensions}, Cohere's {@code output_dimension})
 * @param limits           what one call may carry
 * @param tokenCounter     how this provider counts tokens for this model
 * @param usdPerMillionTokens what the provider charges, in US dollars per million input tokens
 */
public record RemoteModel(String wireName, EmbeddingSpace space, DimensionOptions dimensionOptions,
                          ProviderLimits limits, TokenCounter tokenCounter, BigDecimal usdPerMillionTokens) {

    /** A model that always answers with {@code dimensions} (the space's), served free of charge (self-hosted). */
    public RemoteModel(String wireName, EmbeddingSpace space, int dimensions, ProviderLimits limits,
                       TokenCounter tokenCounter) {
        this(wireName, space, DimensionOptions.fixed(dimensions), limits, tokenCounter, BigDecimal.ZERO);
    }

    public RemoteModel {
        if (wireName == null || wireName.isBlank()) {
            throw new IllegalArgumentException("wireName must not be blank");
        }
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(dimensionOptions, "dimensionOptions");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tokenCounter, "tokenCounter");
        Objects.requireNonNull(usdPerMillionTokens, "usdPerMillionTokens");
        if (usdPerMillionTokens.signum() < 0) {
            throw new IllegalArgumentException(wireName + ": a price cannot be negative, was " + usdPerMillionTokens);
        }
        if (!dimensionOptions.allows(space.dimensions())) {
            throw new IllegalArgumentException(wireName + " answers with " + dimensionOptions.describe()
                    + " dimensions; a space of " + space.dimensions() + " cannot be served by it");
        }
    }

    /** The model's full output length. */
    public int nativeDimensions() {
        return dimensionOptions.nativeDimensions();
    }

    /** Whether the provider must be asked to shorten vectors to the space's dimensions. */
    public boolean shortened() {
        return space.dimensions() != nativeDimensions();
    }

    /**
     * The same model answering with another length, in the space of that length.
     *
     * @throws IllegalArgumentException when the model does not answer with that length
     */
    public RemoteModel withDimensions(int dimensions) {
        return new RemoteModel(wireName, space.withDimensions(dimensions), dimensionOptions, limits, tokenCounter,
                usdPerMillionTokens);
    }

    /** The request's texts as they go on the wire: with the space's query or document prefix, if it has one. */
    public List<String> wireTexts(ProviderRequest request) {
        String prefix = space.prefixFor(request.inputType());
        return prefix.isEmpty() ? request.texts() : request.texts().stream().map(prefix::concat).toList();
    }

    /** Tokens of the texts by this model's counter, for providers whose answer does not say. */
    public long countTokens(List<String> texts) {
        long tokens = 0;
        for (String text : texts) {
            tokens += tokenCounter.count(text);
        }
        return tokens;
    }

    /** The same model with other limits (from configuration). */
    public RemoteModel withLimits(ProviderLimits newLimits) {
        return new RemoteModel(wireName, space, dimensionOptions, newLimits, tokenCounter, usdPerMillionTokens);
    }

    /** The same model at another price (from configuration). */
    public RemoteModel withPrice(BigDecimal newUsdPerMillionTokens) {
        return new RemoteModel(wireName, space, dimensionOptions, limits, tokenCounter, newUsdPerMillionTokens);
    }
}
