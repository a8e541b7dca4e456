package dev.embedgate.provider;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.space.ReferenceSpaces;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The process environment as providers read it: each provider plug-in knows its own conventional variables
 * ({@code OPENAI_API_KEY}, {@code HF_INFERENCE_ENDPOINT}, {@code OLLAMA_HOST}, …, see {@link EnvironmentAccess}), so
 * that pointing EmbedGate at a provider (or at the simulator, or a self-hosted server) needs no config file; and
 * {@code EMBEDDING_PROVIDER} ({@code auto}, {@code local} or a plug-in's kind) chooses the default model's provider.
 * Blank values count as unset. Keys are held as {@link Secret}s. Immutable.
 */
public final class ProviderEnvironment {

    public static final String EMBEDDING_PROVIDER = "EMBEDDING_PROVIDER";

    private final Map<String, String> variables;

    /** @param variables the environment, e.g. {@code System.getenv()}, or a map in tests */
    public ProviderEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The process environment. */
    public static ProviderEnvironment system() {
        return new ProviderEnvironment(System.getenv());
    }

    /**
     * The endpoint of a provider kind, from its conventional variables.
     *
     * @throws IllegalArgumentException for a kind the environment does not reach (TEI, whose URL comes from
     *                                  configuration)
     */
    public RemoteEndpoint endpoint(ProviderPlugin plugin, Duration timeout) {
        return plugin.environment().orElseThrow(() -> new IllegalArgumentException(plugin.kind()
                + " is not reached from the environment; declare it under providers with its baseUrl"))
                .endpoint(this, timeout);
    }

    /**
     * The provider of the default model: {@code EMBEDDING_PROVIDER} when it names one, else ({@code auto}, or
     * unset) the first kind, in each plug-in's {@link EnvironmentAccess#autoOrder()}, whose credentials are set
     * (OpenAI, Hugging Face, Cohere, Ollama), else the local model.
     *
     * @throws IllegalArgumentException when EMBEDDING_PROVIDER names an unknown provider, or one whose
     *                                  credentials are missing (the message says which variable to set)
     */
    public ProviderSelection selection(ProviderPlugins plugins) {
        List<ProviderPlugin> reachable = plugins.reachableFromEnvironment();
        Optional<String> configured = value(EMBEDDING_PROVIDER);
        String choice = configured.orElse("auto").toLowerCase(Locale.ROOT);
        if (choice.equals("auto")) {
            String prefix = configured.isPresent() ? EMBEDDING_PROVIDER + " is auto" : EMBEDDING_PROVIDER + " is not set";
            for (ProviderPlugin plugin : reachable) {
                Optional<String> credential = plugin.environment().orElseThrow().credentialVariable(this);
                if (credential.isPresent()) {
                    return select(plugin, prefix + " and " + credential.get() + " is set");
                }
            }
            return new ProviderSelection(ProviderSelection.LOCAL, ReferenceSpaces.MINILM, prefix
                    + " and no provider's credentials are set: the in-process model");
        }
        if (choice.equals(ProviderSelection.LOCAL)) {
            return new ProviderSelection(ProviderSelection.LOCAL, ReferenceSpaces.MINILM, EMBEDDING_PROVIDER + " is local");
        }
        ProviderPlugin plugin = reachable.stream().filter(candidate -> candidate.kind().equals(choice)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(EMBEDDING_PROVIDER + " is '" + configured.get()
                        + "'; use one of auto, " + reachable.stream().map(ProviderPlugin::kind)
                                .collect(Collectors.joining(", ")) + ", local"));
        plugin.environment().orElseThrow().missing(this).ifPresent(missing -> {
            throw new IllegalArgumentException(EMBEDDING_PROVIDER + " is " + plugin.kind() + " but " + missing
                    + " is not set; set it, or choose another provider (auto picks the first with credentials)");
        });
        return select(plugin, EMBEDDING_PROVIDER + " is " + plugin.kind());
    }

    private static ProviderSelection select(ProviderPlugin plugin, String reason) {
        return new ProviderSelection(plugin.kind(), plugin.defaultModel().orElseThrow(() -> new IllegalStateException(
                plugin.kind() + " is reachable from the environment but names no default model")), reason);
    }

    /** The variable's value, stripped; empty when unset or blank. */
    public Optional<String> value(String name) {
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

    /**
     * The URL a variable holds, validated as an endpoint (a bad value fails naming the variable, never repeating
     * it), or {@code fallback} when it is unset.
     */
    public URI url(String name, URI fallback) {
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
        // Names only, never values: the conventional variables of every kind end like this.
        return "ProviderEnvironment" + variables.keySet().stream().filter(name -> name.equals(EMBEDDING_PROVIDER)
                || name.endsWith("_KEY") || name.endsWith("_TOKEN") || name.endsWith("_URL")
                || name.endsWith("_ENDPOINT") || name.endsWith("_HOST")).sorted().toList();
    }
}
