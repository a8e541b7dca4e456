package dev.embedgate.provider.ollama;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.DimensionOptions;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EnvironmentAccess;
import dev.embedgate.provider.KnownChatModel;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.TokenCounter;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import dev.embedgate.space.ReferenceSpaces;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An Ollama server's {@code /api/embed} and {@code /api/chat},
 * found by {@code OLLAMA_HOST} as the Ollama CLI reads it.
 */
public final class OllamaPlugin implements ProviderPlugin {

    public static final String KIND = "ollama";
    public static final String HOST = "OLLAMA_HOST";

    private static final int BATCH = 512;

    /** No key; {@code OLLAMA_HOST} both selects the kind under {@code auto} and says where it is. */
    private static final EnvironmentAccess ENVIRONMENT = new EnvironmentAccess() {
        @Override
        public int autoOrder() {
            return 4;
        }

        @Override
        public Optional<String> credentialVariable(ProviderEnvironment environment) {
            return environment.value(HOST).map(host -> HOST);
        }

        @Override
        public Optional<String> missing(ProviderEnvironment environment) {
            return Optional.empty();
        }

        @Override
        public RemoteEndpoint endpoint(ProviderEnvironment environment, Duration timeout) {
            return new RemoteEndpoint(OllamaHost.parse(environment.value(HOST).orElse(null)), null, timeout);
        }
    };

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<KnownModel> knownModels() {
        return List.of(
                model("nomic-embed-text", List.of("nomic-embed-text:latest", "nomic-embed-text:v1.5"),
                        new EmbeddingSpace("nomic-embed-text", "ollama", 768, Pooling.PROVIDER_DEFINED, true, 2048,
                                "search_query: ", "search_document: ")),
                model("mxbai-embed-large", List.of("mxbai-embed-large:latest", "mxbai-embed-large:335m"),
                        new EmbeddingSpace("mxbai-embed-large", "ollama", 1024, Pooling.PROVIDER_DEFINED, true, 512,
                                ReferenceSpaces.BGE_QUERY_INSTRUCTION, "")),
                model("all-minilm", List.of("all-minilm:latest", "all-minilm:22m", "all-minilm:l6-v2"), ReferenceSpaces.MINILM_SPACE));
    }

    private static KnownModel model(String name, List<String> aliases, EmbeddingSpace space) {
        var limits = new ProviderLimits(BATCH, space.maxTokens(), BATCH * space.maxTokens());
        return new KnownModel(KIND, name, aliases, space, limits, BigDecimal.ZERO,
                DimensionOptions.fixed(space.dimensions()), TokenCounter.estimate());
    }

    @Override
    public Optional<String> defaultModel() {
        return Optional.of("nomic-embed-text");
    }

    @Override
    public Optional<EnvironmentAccess> environment() {
        return Optional.of(ENVIRONMENT);
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        return new OllamaProvider(name, model, endpoint);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.EMBEDDING, Capability.CHAT);
    }

    @Override
    public List<KnownChatModel> knownChatModels() {
        return Stream.of("llama3.2", "llama3.1", "qwen2.5", "mistral")
                .map(name -> new KnownChatModel(KIND, name, BigDecimal.ZERO, BigDecimal.ZERO)).toList();
    }

    @Override
    public ChatProvider chat(String name, ChatModel model, RemoteEndpoint endpoint) {
        return new OllamaChatProvider(name, model, endpoint);
    }
}
