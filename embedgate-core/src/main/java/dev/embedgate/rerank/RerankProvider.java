package dev.embedgate.rerank;

import dev.embedgate.provider.Provider;
import dev.embedgate.provider.ProviderCallException;

/**
 * The reranking capability: scores how relevant each document is to a query (a cross-encoder, a rerank API).
 * Calls go through the provider's {@link dev.embedgate.call.ResilientCallPath} like every other capability.
 */
public interface RerankProvider extends Provider {

    /** The model name the provider scores with. */
    String model();

    /** Most documents one call may carry; the pipeline splits larger requests. */
    int maxDocumentsPerCall();

    /**
     * Scores every document of the request against its query.
     *
     * @throws ProviderCallException when the call fails, saying whether trying again may help
     */
    RerankResponse rerank(RerankRequest request);
}
