package dev.embedgate.provider.hash;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EmbeddingProviderContract;
import java.util.Optional;

/** The degraded hash fallback passes the contract of every embedding provider (it cannot fail). */
class HashProviderContractTest extends EmbeddingProviderContract {

    @Override
    protected EmbeddingProvider providerAnswering(int texts) {
        return HashProvider.degradedFallback(64);
    }

    @Override
    protected Optional<EmbeddingProvider> failingProvider() {
        return Optional.empty();
    }
}
