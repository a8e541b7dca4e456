package dev.embedgate.provider.cohere;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.DimensionOptions;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EnvironmentAccess;
import dev.embedgate.provider.KeyedEnvironment;
import dev.embedgate.provider.KnownChatModel;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.KnownRerankModel;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.SynonymousVariables;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Cohere's {@code /v2/embed}, {@code /v2/chat} and {@code /v2/rerank}. */
public final class CoherePlugin implements ProviderPlugin {

    public static final String KIND = "cohere";
    public static final String API_KEY = "COHERE_API_KEY";
    public static final String BASE_URL = "COHERE_BASE_URL";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cohere.com");

    private static final int BATCH = 96;
    private static final int RERANK_DOCUMENTS_PER_SEARCH = 100;
    private static final EnvironmentAccess ENVIRONMENT = new KeyedEnvironment(3,
            SynonymousVariables.of(API_KEY), SynonymousVariables.of(BASE_URL), DEFAULT_BASE_URL, false);

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<KnownModel> knownModels() {
        return List.of(model("embed-english-v3.0", DimensionOptions.fixed(1024), 512, "0.10"),
                model("embed-english-light-v3.0", DimensionOptions.fixed(384), 512, "0.10"),
                model("embed-multilingual-v3.0", DimensionOptions.fixed(1024), 512, "0.10"),
                model("embed-multilingual-light-v3.0", DimensionOptions.fixed(384), 512, "0.10"),
                // output_dimension takes these sizes only; Cohere does not document them as cuts of the full vector
                model("embed-v4.0", DimensionOptions.sizes(List.of(256, 512, 1024, 1536)), 128_000, "0.12"));
    }

    private static KnownModel model(String name, DimensionOptions dimensions, int maxTokens, String price) {
        var space = new EmbeddingSpace(name, RemoteModelCatalog.API_REVISION, dimensions.nativeDimensions(),
                Pooling.PROVIDER_DEFINED, true, maxTokens, "", "");
        var limits = new ProviderLimits(BATCH, maxTokens, (int) Math.min(Integer.MAX_VALUE, (long) BATCH * maxTokens));
        return new KnownModel(KIND, name, List.of(), space, limits, new BigDecimal(price), dimensions,
                TokenCounter.estimate());
    }

    @Override
    public Optional<String> defaultModel() {
        return Optional.of("embed-english-v3.0");
    }

    @Override
    public Optional<EnvironmentAccess> environment() {
        return Optional.of(ENVIRONMENT);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.EMBEDDING, Capability.RERANK, Capability.CHAT);
    }

    /**
     * Cohere bills $2 per 1,000 searches, a search being one query with up to 100 documents: calls of at most 100
     * documents cost one search each (Cohere accepts up to 10,000, billed as several searches).
     */
    @Override
    public List<KnownRerankModel> knownRerankModels() {
        return List.of("rerank-v3.5", "rerank-english-v3.0", "rerank-multilingual-v3.0").stream()
                .map(name -> new KnownRerankModel(KIND, name, RERANK_DOCUMENTS_PER_SEARCH, BigDecimal.ZERO,
                        new BigDecimal("0.002")))
                .toList();
    }

    @Override
    public RerankProvider rerank(String name, RerankModel model, RemoteEndpoint endpoint) {
        return new CohereRerankProvider(name, model, endpoint);
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        return new CohereProvider(name, model, endpoint);
    }

    @Override
    public List<KnownChatModel> knownChatModels() {
        return List.of(chatModel("command-r", "0.15", "0.60"), chatModel("command-r-plus", "2.50", "10.00"),
                chatModel("command-a-03-2025", "2.50", "10.00"), chatModel("command-r7b-12-2024", "0.0375", "0.15"));
    }

    @Override
    public ChatProvider chat(String name, ChatModel model, RemoteEndpoint endpoint) {
        return new CohereChatProvider(name, model, endpoint);
    }

    private static KnownChatModel chatModel(String name, String usdPerMillionInput, String usdPerMillionOutput) {
        return new KnownChatModel(KIND, name, new BigDecimal(usdPerMillionInput), new BigDecimal(usdPerMillionOutput));
    }
}
