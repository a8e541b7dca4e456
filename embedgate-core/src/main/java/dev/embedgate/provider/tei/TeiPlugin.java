package dev.embedgate.provider.tei;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ReferenceModels;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.RemoteEndpoint;
import java.util.List;

/** A Text Embeddings Inference server's native {@code /embed}; its URL always comes from configuration. */
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
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        return new TeiProvider(name, model, endpoint);
    }
}
