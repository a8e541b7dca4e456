package dev.embedgate.provider.jina;

import dev.embedgate.provider.Capability;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EnvironmentAccess;
import dev.embedgate.provider.KeyedEnvironment;
import dev.embedgate.provider.KnownRerankModel;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.SynonymousVariables;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Any Jina-compatible {@code /rerank}: Jina AI itself (the default base URL, with {@code JINA_API_KEY}), or a
 * self-hosted vLLM, Infinity or LocalAI server at {@code JINA_BASE_URL} (which alone makes the kind usable, for a
 * server that takes no key). Reranking only.
 */
public final class JinaPlugin implements ProviderPlugin {

    public static final String KIND = "jina";
    public static final String API_KEY = "JINA_API_KEY";
    public static final String BASE_URL = "JINA_BASE_URL";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.jina.ai/v1");

    /** Kept small like the other kinds' rerank calls; Jina's own limit per call is far higher. */
    private static final int DOCUMENTS_PER_CALL = 100;
    // Last of the kinds auto tries; auto picks only kinds that embed, and this one does not.
    private static final EnvironmentAccess ENVIRONMENT = new KeyedEnvironment(100,
            SynonymousVariables.of(API_KEY), SynonymousVariables.of(BASE_URL), DEFAULT_BASE_URL, true);

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.RERANK);
    }

    /** Jina sells tokens in prepaid packages and publishes no price per call; the ledger counts their tokens. */
    @Override
    public List<KnownRerankModel> knownRerankModels() {
        return List.of("jina-reranker-v2-base-multilingual", "jina-reranker-v1-base-en", "jina-reranker-m0").stream()
                .map(name -> new KnownRerankModel(KIND, name, DOCUMENTS_PER_CALL, BigDecimal.ZERO, BigDecimal.ZERO))
                .toList();
    }

    @Override
    public Optional<EnvironmentAccess> environment() {
        return Optional.of(ENVIRONMENT);
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        throw new UnsupportedOperationException(KIND + " providers do not embed; they rerank");
    }

    @Override
    public RerankProvider rerank(String name, RerankModel model, RemoteEndpoint endpoint) {
        return new JinaRerankProvider(name, model, endpoint);
    }
}
