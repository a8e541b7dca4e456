package dev.embedgate.rerank;

import dev.embedgate.provider.Provider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.TokenCounter;

/**
 * The reranking capability: scores how relevant each document is to a query (a cross-encoder, a rerank API).
 * Calls go through the provider's {@link dev.embedgate.call.ResilientCallPath} like every other capability.
 */
public interface RerankProvider extends Provider {

    /** The model name the provider scores with. */
    String model();

    /** Most documents one call may carry; the pipeline splits larger requests. */
    int maxDocumentsPerCall();

    /** Whether the provider can answer with raw logits ({@link RerankRequest#rawScores()}); TEI and local models can. */
    default boolean rawScores() {
        return false;
    }

    /** Tokens the query and documents count, for rate limits and the ledger when the provider does not report them. */
    default int countTokens(String text) {
        return TokenCounter.estimate().count(text);
    }

    /**
     * Scores every document of the request against its query.
     *
     * @throws ProviderCallException when the call fails, saying whether trying again may help
     */
    RerankResponse rerank(RerankRequest request);
}
