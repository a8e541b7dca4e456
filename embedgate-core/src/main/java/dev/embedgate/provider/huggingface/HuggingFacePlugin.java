package dev.embedgate.provider.huggingface;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EnvironmentAccess;
import dev.embedgate.provider.KeyedEnvironment;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ReferenceModels;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.space.ReferenceSpaces;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The Hugging Face inference router ({@code hf-inference} feature extraction). */
public final class HuggingFacePlugin implements ProviderPlugin {

    public static final String KIND = "huggingface";
    public static final String API_KEY = "HUGGINGFACE_API_KEY";
    /** The huggingface_hub convention, read when {@link #API_KEY} is not set. */
    public static final String HF_TOKEN = "HF_TOKEN";
    public static final String ENDPOINT = "HF_INFERENCE_ENDPOINT";
    public static final URI DEFAULT_ENDPOINT = URI.create("https://router.huggingface.co");

    private static final EnvironmentAccess ENVIRONMENT = new KeyedEnvironment(2, List.of(API_KEY, HF_TOKEN), ENDPOINT,
            DEFAULT_ENDPOINT, true);

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
        return Optional.of(ENVIRONMENT);
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        return new HuggingFaceProvider(name, model, endpoint, HuggingFaceOptions.DEFAULT);
    }
}
