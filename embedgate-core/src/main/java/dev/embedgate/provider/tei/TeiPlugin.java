package dev.embedgate.provider.tei;

import dev.embedgate.provider.Capability;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.KnownRerankModel;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ReferenceModels;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A Text Embeddings Inference server's native {@code /embed}, or {@code /rerank} for a server running a reranker; its
 * URL always comes from configuration.
 */
public final class TeiPlugin implements ProviderPlugin {

    public static final String KIND = "tei";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<KnownModel> knownModels() {
        return ReferenceModels.servedBy(KIND);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.EMBEDDING, Capability.RERANK);
    }

    /** Rerankers TEI serves; self-hosted, so unpriced. TEI's default client batch is 32 texts. */
    @Override
    public List<KnownRerankModel> knownRerankModels() {
        return List.of("BAAI/bge-reranker-base", "BAAI/bge-reranker-large", "BAAI/bge-reranker-v2-m3").stream()
                .map(name -> new KnownRerankModel(KIND, name, RerankModel.DEFAULT_DOCUMENTS_PER_CALL, BigDecimal.ZERO,
                        BigDecimal.ZERO))
                .toList();
    }

    @Override
    public RerankProvider rerank(String name, RerankModel model, RemoteEndpoint endpoint) {
        return new TeiRerankProvider(name, model, endpoint);
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        return new TeiProvider(name, model, endpoint);
    }
}
