package dev.embedgate.provider.huggingface;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EnvironmentAccess;
import dev.embedgate.provider.KeyedEnvironment;
import dev.embedgate.provider.KnownChatModel;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.KnownRerankModel;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ReferenceModels;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.SynonymousVariables;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.space.ReferenceSpaces;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hugging Face feature extraction and cross-encoders as text classification ({@code hf-inference}), and chat (the
 * router's OpenAI-compatible {@code /v1/chat/completions}): the inference router, or the legacy Inference API when the
 * URL says so ({@link HuggingFaceUrls}).
 */
public final class HuggingFacePlugin implements ProviderPlugin {

    public static final String KIND = "huggingface";
    public static final String API_KEY = "HUGGINGFACE_API_KEY";
    /** The huggingface_hub convention, read when {@link #API_KEY} is not set. */
    public static final String HF_TOKEN = "HF_TOKEN";
    /** Another name teams use for the token, read when neither of the above is set. */
    public static final String HF_API_KEY = "HF_API_KEY";
    public static final String ENDPOINT = "HF_INFERENCE_ENDPOINT";
    /** Another name for the endpoint, read when {@link #ENDPOINT} is not set; often in the legacy API's form. */
    public static final String BASE_URL = "HUGGINGFACE_BASE_URL";
    public static final URI DEFAULT_ENDPOINT = URI.create("https://router.huggingface.co");

    private final EnvironmentAccess environment = new HuggingFaceEnvironment(new KeyedEnvironment(2,
            SynonymousVariables.of(API_KEY, HF_TOKEN, HF_API_KEY), SynonymousVariables.of(ENDPOINT, BASE_URL),
            DEFAULT_ENDPOINT, true), knownModels());

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<KnownModel> knownModels() {
        return ReferenceModels.servedBy(KIND);
    }

    @Override
    public Optional<String> defaultModel() {
        return Optional.of(ReferenceSpaces.MINILM);
    }

    @Override
    public Optional<EnvironmentAccess> environment() {
        return Optional.of(environment);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.EMBEDDING, Capability.RERANK, Capability.CHAT);
    }

    /** Cross-encoders hf-inference serves; Hugging Face bills compute time, not tokens, so they are unpriced. */
    @Override
    public List<KnownRerankModel> knownRerankModels() {
        return List.of("BAAI/bge-reranker-base", "BAAI/bge-reranker-v2-m3", "cross-encoder/ms-marco-MiniLM-L6-v2")
                .stream().map(name -> new KnownRerankModel(KIND, name, RerankModel.DEFAULT_DOCUMENTS_PER_CALL,
                        BigDecimal.ZERO, BigDecimal.ZERO))
                .toList();
    }

    @Override
    public RerankProvider rerank(String name, RerankModel model, RemoteEndpoint endpoint) {
        return new HuggingFaceRerankProvider(name, model, endpoint, HuggingFaceOptions.DEFAULT);
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        return new HuggingFaceProvider(name, model, endpoint, HuggingFaceOptions.DEFAULT);
    }

    /** None: the router's price depends on the inference provider it picks for a model, which EmbedGate cannot know. */
    @Override
    public List<KnownChatModel> knownChatModels() {
        return List.of();
    }

    @Override
    public ChatProvider chat(String name, ChatModel model, RemoteEndpoint endpoint) {
        return new HuggingFaceChatProvider(name, model, endpoint);
    }
}
