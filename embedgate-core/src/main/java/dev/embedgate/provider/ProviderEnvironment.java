package dev.embedgate.provider;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.space.ReferenceSpaces;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The process environment as providers read it: each provider plug-in knows its own conventional variables
 * ({@code OPENAI_API_KEY}, {@code HF_INFERENCE_ENDPOINT}, {@code OLLAMA_HOST}, …, see {@link EnvironmentAccess}), so
 * that pointing EmbedGate at providers (or at the simulator, or a self-hosted server) needs no config file;
 * {@code EMBEDDING_PROVIDER} ({@code auto}, {@code local} or a plug-in's kind) chooses the default model's provider,
 * and {@code EMBEDDING_MODEL} the default model. A setting read under several names ({@link SynonymousVariables},
 * such as {@code EMBEDDING_PROVIDER} and {@code EMBEDDINGS_PROVIDER}) takes the first one set. Blank values count as
 * unset. Keys are held as {@link Secret}s. Immutable.
 */
public final class ProviderEnvironment {

    public static final String EMBEDDING_PROVIDER = "EMBEDDING_PROVIDER";
    /** Another name for {@link #EMBEDDING_PROVIDER}, read when that one is not set. */
    public static final String EMBEDDINGS_PROVIDER = "EMBEDDINGS_PROVIDER";
    /** The default model: a name or alias of a model the chosen provider serves. */
    public static final String EMBEDDING_MODEL = "EMBEDDING_MODEL";

    private static final SynonymousVariables PROVIDER = SynonymousVariables.of(EMBEDDING_PROVIDER, EMBEDDINGS_PROVIDER);

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
        return access(plugin).endpoint(this, timeout);
    }

    private static EnvironmentAccess access(ProviderPlugin plugin) {
        return plugin.environment().orElseThrow(() -> new IllegalArgumentException(plugin.kind()
                + " is not reached from the environment; declare it under providers with its baseUrl"));
    }

    /**
     * The kinds whose credentials are set ({@link EnvironmentAccess#credentialVariable}), in the order {@code auto}
     * tries them: every model they know is served by name.
     */
    public List<ProviderPlugin> withCredentials(ProviderPlugins plugins) {
        return plugins.reachableFromEnvironment().stream()
                .filter(plugin -> access(plugin).credentialVariable(this).isPresent()).toList();
    }

    /** {@link #selection(ProviderPlugins, Optional)} with the model {@code EMBEDDING_MODEL} names, if it is set. */
    public ProviderSelection selection(ProviderPlugins plugins) {
        return selection(plugins, value(EMBEDDING_MODEL));
    }

    /**
     * The provider of the default model and that model. The provider: {@code EMBEDDING_PROVIDER} when it names one,
     * else ({@code auto}, or unset) the first kind, in each plug-in's {@link EnvironmentAccess#autoOrder()}, whose
     * credentials are set and that serves {@code model} if one is asked for (OpenAI, Hugging Face, Cohere, Ollama),
     * else the local models. The model: {@code model}, as the provider's catalog names it; else one the provider's
     * URL names; else the provider's default.
     *
     * @param model the default model asked for ({@code EMBEDDING_MODEL}); a local model's name is checked by whoever
     *              knows the local models
     * @throws IllegalArgumentException when EMBEDDING_PROVIDER names an unknown provider, or one whose credentials
     *                                  are missing (the message says which variable to set), or when the provider
     *                                  does not serve {@code model}
     */
    public ProviderSelection selection(ProviderPlugins plugins, Optional<String> model) {
        // Only kinds that embed can serve the default model (a reranking-only kind's credentials choose nothing here).
        List<ProviderPlugin> reachable = plugins.reachableFromEnvironment().stream()
                .filter(plugin -> plugin.capabilities().contains(Capability.EMBEDDING)).toList();
        Optional<String> configured = PROVIDER.value(this);
        String variable = PROVIDER.setName(this).orElse(EMBEDDING_PROVIDER);
        String choice = configured.orElse("auto").toLowerCase(Locale.ROOT);
        if (choice.equals("auto")) {
            String prefix = configured.isPresent() ? variable + " is auto" : variable + " is not set";
            for (ProviderPlugin plugin : reachable) {
                Optional<String> credential = access(plugin).credentialVariable(this);
                if (credential.isPresent() && model.map(name -> serves(plugins, plugin, name)).orElse(true)) {
                    return select(plugins, plugin, model, prefix + " and " + credential.get() + " is set");
                }
            }
            return new ProviderSelection(ProviderSelection.LOCAL, model.orElse(ReferenceSpaces.MINILM), prefix
                    + (model.isPresent() ? " and no provider whose credentials are set serves " + EMBEDDING_MODEL
                    : " and no provider's credentials are set") + ": the in-process model");
        }
        if (choice.equals(ProviderSelection.LOCAL)) {
            return new ProviderSelection(ProviderSelection.LOCAL, model.orElse(ReferenceSpaces.MINILM),
                    variable + " is local");
        }
        ProviderPlugin plugin = reachable.stream().filter(candidate -> candidate.kind().equals(choice)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(variable + " is '" + configured.get()
                        + "'; use one of auto, " + reachable.stream().map(ProviderPlugin::kind)
                                .collect(Collectors.joining(", ")) + ", local"));
        access(plugin).missing(this).ifPresent(missing -> {
            throw new IllegalArgumentException(variable + " is " + plugin.kind() + " but " + missing
                    + " is not set; set it, or choose another provider (auto picks the first with credentials)");
        });
        return select(plugins, plugin, model, variable + " is " + plugin.kind());
    }

    private static boolean serves(ProviderPlugins plugins, ProviderPlugin plugin, String model) {
        return plugins.catalog().find(plugin.kind(), model).isPresent();
    }

    private ProviderSelection select(ProviderPlugins plugins, ProviderPlugin plugin, Optional<String> model,
                                     String reason) {
        Optional<String> asked = model.map(name -> plugins.catalog().find(plugin.kind(), name).map(KnownModel::name)
                .orElseThrow(() -> new IllegalArgumentException(EMBEDDING_MODEL + " is '" + name + "', which "
                        + plugin.kind() + " does not serve; its models: " + plugin.knownModels().stream()
                                .map(KnownModel::name).collect(Collectors.joining(", ")))));
        String chosen = asked.or(() -> access(plugin).namedModel(this)).or(plugin::defaultModel)
                .orElseThrow(() -> new IllegalStateException(plugin.kind()
                        + " is reachable from the environment but names no default model"));
        return new ProviderSelection(plugin.kind(), chosen, reason);
    }

    /**
     * One line for each variable that is set but ignored, because another name for the same setting that takes
     * precedence is set to something else. Names only, never values.
     */
    public List<String> ignoredVariables(ProviderPlugins plugins) {
        var settings = new ArrayList<SynonymousVariables>();
        settings.add(PROVIDER);
        plugins.reachableFromEnvironment().forEach(plugin -> settings.addAll(access(plugin).synonyms()));
        var lines = new ArrayList<String>();
        for (SynonymousVariables setting : settings) {
            setting.setName(this).ifPresent(winner -> setting.ignored(this).forEach(ignored -> lines.add(ignored
                    + " is ignored: " + winner + " is set too, to something else, and takes precedence")));
        }
        return lines;
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
        return "ProviderEnvironment" + variables.keySet().stream().filter(name -> name.startsWith("EMBEDDING")
                || name.endsWith("_KEY") || name.endsWith("_TOKEN") || name.endsWith("_URL")
                || name.endsWith("_ENDPOINT") || name.endsWith("_HOST")).sorted().toList();
    }
}
