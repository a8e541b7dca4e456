package dev.embedgate.provider.openai;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.DimensionOptions;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EnvironmentAccess;
import dev.embedgate.provider.KeyedEnvironment;
import dev.embedgate.provider.KnownChatModel;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.SynonymousVariables;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI's API (embeddings and chat) and every server that speaks it (Azure OpenAI, vLLM, TGI, TEI's /v1, Infinity,
 * LM Studio).
 */
public final class OpenAiPlugin implements ProviderPlugin {

    public static final String KIND = "openai";
    public static final String API_KEY = "OPENAI_API_KEY";
    public static final String BASE_URL = "OPENAI_BASE_URL";
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

    private static final ProviderLimits LIMITS = new ProviderLimits(2048, 8192, 300_000);
    private static final EnvironmentAccess ENVIRONMENT = new KeyedEnvironment(1,
            SynonymousVariables.of(API_KEY), SynonymousVariables.of(BASE_URL), DEFAULT_BASE_URL, true);

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<KnownModel> knownModels() {
        TokenCounter cl100k = TokenCounter.cl100k();
        // text-embedding-3 takes any `dimensions` up to its own; OpenAI documents the shortened vector as the full
        // one cut and scaled back to unit length
        return List.of(model("text-embedding-3-small", DimensionOptions.truncatedUpTo(1536), "0.02", cl100k),
                model("text-embedding-3-large", DimensionOptions.truncatedUpTo(3072), "0.13", cl100k),
                model("text-embedding-ada-002", DimensionOptions.fixed(1536), "0.10", cl100k));
    }

    private static KnownModel model(String name, DimensionOptions dimensions, String price, TokenCounter counter) {
        var space = new EmbeddingSpace(name, RemoteModelCatalog.API_REVISION, dimensions.nativeDimensions(),
                Pooling.PROVIDER_DEFINED, true, LIMITS.maxTokensPerInput(), "", "");
        return new KnownModel(KIND, name, List.of(), space, LIMITS, new BigDecimal(price), dimensions, counter);
    }

    @Override
    public Optional<String> defaultModel() {
        return Optional.of("text-embedding-3-small");
    }

    @Override
    public Optional<EnvironmentAccess> environment() {
        return Optional.of(ENVIRONMENT);
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        return new OpenAiProvider(name, model, endpoint, OpenAiOptions.DEFAULT);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.EMBEDDING, Capability.CHAT);
    }

    @Override
    public List<KnownChatModel> knownChatModels() {
        return List.of(chatModel("gpt-4o-mini", "0.15", "0.60"), chatModel("gpt-4o", "2.50", "10.00"),
                chatModel("gpt-4.1-mini", "0.40", "1.60"), chatModel("gpt-4.1", "2.00", "8.00"));
    }

    @Override
    public ChatProvider chat(String name, ChatModel model, RemoteEndpoint endpoint) {
        return new OpenAiChatProvider(name, model, endpoint, OpenAiOptions.DEFAULT);
    }

    private static KnownChatModel chatModel(String name, String usdPerMillionInput, String usdPerMillionOutput) {
        return new KnownChatModel(KIND, name, new BigDecimal(usdPerMillionInput), new BigDecimal(usdPerMillionOutput));
    }
}
