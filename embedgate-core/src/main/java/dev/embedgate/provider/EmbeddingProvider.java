package dev.embedgate.provider;

import dev.embedgate.space.EmbeddingSpace;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The embedding capability: one way to reach an embedding space. Implementations are thread-safe: many callers may
 * embed at once. The {@link dev.embedgate.embedding.EmbeddingService} validates every answer (remote providers
 * also validate their own, so that an invalid answer is retried like any failed attempt).
 */
public interface EmbeddingProvider extends Provider {

    /** The space every vector from this provider belongs to. */
    EmbeddingSpace space();

    /**
     * Embeds the texts, returning one vector per text in input order.
     *
     * @throws ProviderCallException when the call fails, saying whether trying again may help
     */
    ProviderResponse embed(ProviderRequest request);

    /** The vector lengths the provider answers with: its space's only, unless its model shortens on request. */
    default DimensionOptions dimensionOptions() {
        return DimensionOptions.fixed(space().dimensions());
    }

    /**
     * This provider answering with vectors of another length, in the space of that length: itself at its own length;
     * for a model that shortens on request, a provider with the same name, connections and call path (so its limits,
     * breaker and ledger stay one provider's); otherwise empty.
     */
    default Optional<EmbeddingProvider> withDimensions(int dimensions) {
        return dimensions == space().dimensions() ? Optional.of(this) : Optional.empty();
    }

    /** What one call may carry; the batch planner splits requests to fit. */
    ProviderLimits limits();

    /**
     * Tokens the text costs at this provider, for batch planning and rate limits. The default is the cautious
     * estimate of {@link TokenCounter#estimate()}; providers with a tokenizer override it.
     */
    default int countTokens(String text) {
        return TokenCounter.estimate().count(text);
    }

    /**
     * The model's own token count where EmbedGate holds its tokenizer (a migration plan counts what a backfill will
     * cost with it); {@link #countTokens} where not. Slower than {@link #countTokens}, which request planning uses.
     */
    default TokenCounter exactTokens() {
        return this::countTokens;
    }

    /**
     * Whether the provider sends inputs that came as cl100k_base token ids on as ids (OpenAI's models, whose tokenizer
     * that is), so that such an input costs exactly its id count; other providers embed the text the ids decode to.
     */
    default boolean readsTokenIds() {
        return false;
    }

    /** What the provider charges, in US dollars per million input tokens; zero for local and self-hosted models. */
    default BigDecimal usdPerMillionTokens() {
        return BigDecimal.ZERO;
    }
}
