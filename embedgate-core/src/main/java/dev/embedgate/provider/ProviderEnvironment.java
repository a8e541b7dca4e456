package dev.embedgate.provider;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.ollama.OllamaHost;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Provider credentials and base URLs from the conventional environment variables, so that pointing EmbedGate at
 * a provider (or at the simulator, or a self-hosted server) needs no config file:
 * {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code HUGGINGFACE_API_KEY} (or {@code HF_TOKEN}),
 * {@code HF_INFERENCE_ENDPOINT}, {@code COHERE_API_KEY}, {@code COHERE_BASE_URL}, {@code OLLAMA_HOST}; and
 * {@code EMBEDDING_PROVIDER} ({@code auto} | {@code openai} | {@code huggingface} | {@code cohere} |
 * {@code ollama} | {@code local}) choosing the default model's provider. Blank values count as unset. Keys are
 * held as {@link Secret}s. Immutable.
 */
public final class ProviderEnvironment {

    public static final String EMBEDDING_PROVIDER = "EMBEDDING_PROVIDER";
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
    public static final String HUGGINGFACE_API_KEY = "HUGGINGFACE_API_KEY";
    public static final String HF_TOKEN = "HF_TOKEN";
    public static final String HF_INFERENCE_ENDPOINT = "HF_INFERENCE_ENDPOINT";
    public static final String COHERE_API_KEY = "COHERE_API_KEY";
    public static final String COHERE_BASE_URL = "COHERE_BASE_URL";
    public static final String OLLAMA_HOST = "OLLAMA_HOST";

    public static final URI DEFAULT_OPENAI_BASE_URL = URI.create("https://api.openai.com/v1");
    public static final URI DEFAULT_HF_INFERENCE_ENDPOINT = URI.create("https://router.huggingface.co");
    public static final URI DEFAULT_COHERE_BASE_URL = URI.create("https://api.cohere.com");

    /** The order {@code auto} tries providers in. */
    private static final List<ProviderKind> AUTO_ORDER =
            List.of(ProviderKind.OPENAI, ProviderKind.HUGGINGFACE, ProviderKind.COHERE, ProviderKind.OLLAMA);

    private final Map<String, String> variables;

    /** @param variables the environment, e.g. {@code System.getenv()}, or a map in tests */
    public ProviderEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The process environment. */
    public static ProviderEnvironment system() {
        return new ProviderEnvironment(System.getenv());
    }

    public Optional<Secret> openAiApiKey() {
        return secret(OPENAI_API_KEY);
    }

    public URI openAiBaseUrl() {
        return url(OPENAI_BASE_URL, DEFAULT_OPENAI_BASE_URL);
    }

    /** {@code HUGGINGFACE_API_KEY}, else {@code HF_TOKEN} (the huggingface_hub convention). */
    public Optional<Secret> huggingFaceToken() {
        return secret(HUGGINGFACE_API_KEY).or(() -> secret(HF_TOKEN));
    }

    public URI huggingFaceEndpoint() {
        return url(HF_INFERENCE_ENDPOINT, DEFAULT_HF_INFERENCE_ENDPOINT);
    }

    public Optional<Secret> cohereApiKey() {
        return secret(COHERE_API_KEY);
    }

    public URI cohereBaseUrl() {
        return url(COHERE_BASE_URL, DEFAULT_COHERE_BASE_URL);
    }

    /** {@code OLLAMA_HOST} read as the Ollama CLI reads it ({@link OllamaHost}), else http://localhost:11434. */
    public URI ollamaHost() {
        return OllamaHost.parse(value(OLLAMA_HOST).orElse(null));
    }

    /**
     * The endpoint of a remote provider kind, from these variables.
     *
     * @throws IllegalArgumentException for a kind that is not reached over HTTP from the environment (local, hash,
     *                                  TEI, whose URL comes from configuration)
     */
    public RemoteEndpoint endpoint(ProviderKind kind, Duration timeout) {
        return switch (kind) {
            case OPENAI -> new RemoteEndpoint(openAiBaseUrl(), openAiApiKey().orElse(null), timeout);
            case HUGGINGFACE -> new RemoteEndpoint(huggingFaceEndpoint(), huggingFaceToken().orElse(null), timeout);
            case COHERE -> new RemoteEndpoint(cohereBaseUrl(), cohereApiKey().orElse(null), timeout);
            case OLLAMA -> new RemoteEndpoint(ollamaHost(), null, timeout);
            case TEI, LOCAL, HASH -> throw new IllegalArgumentException(kind.configName()
                    + " has no endpoint in the environment; configure it");
        };
    }

    /**
     * The provider of the default model: {@code EMBEDDING_PROVIDER} when it names one, else ({@code auto}, or
     * unset) the first of OpenAI, Hugging Face, Cohere and Ollama whose credentials (for Ollama: OLLAMA_HOST) are
     * set, else the local model.
     *
     * @throws IllegalArgumentException when EMBEDDING_PROVIDER names an unknown provider, or one whose
     *                                  credentials are missing (the message says which variable to set)
     */
    public ProviderSelection selection() {
        Optional<String> configured = value(EMBEDDING_PROVIDER);
        String choice = configured.orElse("auto").toLowerCase(Locale.ROOT);
        if (choice.equals("auto")) {
            String prefix = configured.isPresent() ? EMBEDDING_PROVIDER + " is auto" : EMBEDDING_PROVIDER + " is not set";
            for (ProviderKind kind : AUTO_ORDER) {
                Optional<String> credential = credentialVariable(kind);
                if (credential.isPresent()) {
                    return select(kind, prefix + " and " + credential.get() + " is set");
                }
            }
            return select(ProviderKind.LOCAL, prefix + " and none of " + OPENAI_API_KEY + ", " + HUGGINGFACE_API_KEY
                    + "/" + HF_TOKEN + ", " + COHERE_API_KEY + ", " + OLLAMA_HOST + " is set: the in-process model");
        }
        ProviderKind kind = ProviderKind.fromConfigName(choice)
                .filter(candidate -> candidate == ProviderKind.LOCAL || AUTO_ORDER.contains(candidate))
                .orElseThrow(() -> new IllegalArgumentException(EMBEDDING_PROVIDER + " is '" + configured.get()
                        + "'; use one of auto, openai, huggingface, cohere, ollama, local"));
        String reason = EMBEDDING_PROVIDER + " is " + kind.configName();
        switch (kind) {
            case OPENAI -> {
                if (openAiApiKey().isEmpty() && value(OPENAI_BASE_URL).isEmpty()) {
                    throw missing(kind, OPENAI_API_KEY + " (or " + OPENAI_BASE_URL
                            + " for an OpenAI-compatible server that takes no key)");
                }
            }
            case HUGGINGFACE -> {
                if (huggingFaceToken().isEmpty() && value(HF_INFERENCE_ENDPOINT).isEmpty()) {
                    throw missing(kind, HUGGINGFACE_API_KEY + " or " + HF_TOKEN);
                }
            }
            case COHERE -> {
                if (cohereApiKey().isEmpty()) {
                    throw missing(kind, COHERE_API_KEY);
                }
            }
            default -> {
                // Ollama and the local model need no credentials.
            }
        }
        return select(kind, reason);
    }

    private static ProviderSelection select(ProviderKind kind, String reason) {
        return new ProviderSelection(kind, RemoteModelCatalog.defaultModel(kind), reason);
    }

    private static IllegalArgumentException missing(ProviderKind kind, String what) {
        return new IllegalArgumentException(EMBEDDING_PROVIDER + " is " + kind.configName() + " but " + what
                + " is not set; set it, or choose another provider (auto picks the first with credentials)");
    }

    /** The variable that makes this kind usable under auto, if set. */
    private Optional<String> credentialVariable(ProviderKind kind) {
        return switch (kind) {
            case OPENAI -> openAiApiKey().map(key -> OPENAI_API_KEY);
            case HUGGINGFACE -> secret(HUGGINGFACE_API_KEY).map(key -> HUGGINGFACE_API_KEY)
                    .or(() -> secret(HF_TOKEN).map(key -> HF_TOKEN));
            case COHERE -> cohereApiKey().map(key -> COHERE_API_KEY);
            case OLLAMA -> value(OLLAMA_HOST).map(host -> OLLAMA_HOST);
            default -> Optional.empty();
        };
    }

    private Optional<String> value(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The secret held by an environment variable, if it is set (for keys named in configuration). */
    public Optional<Secret> secret(String name) {
        return value(name).map(value -> {
            try {
                return Secret.of(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        });
    }

    private URI url(String name, URI fallback) {
        Optional<String> value = value(name);
        if (value.isEmpty()) {
            return fallback;
        }
        URI uri;
        try {
            uri = new URI(value.get());
        } catch (URISyntaxException e) {
            // The parser's message quotes the whole value, which may hold a credential: not repeated.
            throw new IllegalArgumentException(name + " is not a URL (" + e.getReason() + " at index " + e.getIndex()
                    + "); expected a base URL such as " + fallback);
        }
        try {
            // Validated as an endpoint now, so that a bad variable fails at start-up naming itself.
            return new RemoteEndpoint(uri, null, null).baseUrl();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ProviderEnvironment" + variables.keySet().stream().filter(name -> name.equals(EMBEDDING_PROVIDER)
                || name.equals(OPENAI_BASE_URL) || name.equals(HF_INFERENCE_ENDPOINT) || name.equals(COHERE_BASE_URL)
                || name.equals(OLLAMA_HOST) || name.endsWith("_KEY") || name.equals(HF_TOKEN)).sorted().toList();
    }
}
