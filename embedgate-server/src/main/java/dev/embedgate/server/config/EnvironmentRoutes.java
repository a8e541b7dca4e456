package dev.embedgate.server.config;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.ResiliencePolicy;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ProviderPlugins;
import dev.embedgate.provider.ProviderSelection;
import dev.embedgate.provider.http.RemoteEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the environment adds to the routes, so that pointing EmbedGate at providers needs no config file: every model
 * the catalog knows of every provider kind whose credentials are set, and of the kind {@code EMBEDDING_PROVIDER}
 * names (which only chooses the default model's provider; a key-less server named so needs only its URL).
 *
 * <p>A model whose space a local model (or an earlier provider of the environment) already serves joins that route,
 * its names becoming aliases of it: failover within the space. In a shared space the chosen provider comes first,
 * then the others in the order {@code auto} tries them (OpenAI-compatible, Hugging Face, Cohere, Ollama), then the
 * in-process model; when the in-process model is the one chosen, it stays first and they follow it. Routes of the
 * configuration are never joined, and a model whose name or alias a configured route answers to is left out: for a
 * model name, the configuration wins over the environment.
 */
final class EnvironmentRoutes {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentRoutes.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private final ProviderPlugins plugins;
    private final ProviderEnvironment environment;
    private final CallPaths paths;

    EnvironmentRoutes(ProviderPlugins plugins, ProviderEnvironment environment, CallPaths paths) {
        this.plugins = plugins;
        this.environment = environment;
        this.paths = paths;
    }

    /**
     * Adds the environment's providers to {@code routes} and chooses the default model: {@code models.default} when
     * the configuration sets it, else {@code EMBEDDING_MODEL}, else the chosen provider's default.
     *
     * @param routes       the local models' routes, joined or added to in place
     * @param localDefault the in-process default model when the environment chooses the local one and names no
     *                     model: all-MiniLM-L6-v2 when it is served, else the first local model; null when there is
     *                     none
     * @return the default model's name, or null when the local default was chosen and there is none
     */
    String addTo(List<ModelRoute> routes, GatewayConfig config, String localDefault) {
        environment.ignoredVariables(plugins).forEach(log::warn);
        String configuredDefault = config.models().defaultModel();
        Optional<String> environmentDefault = environment.value(ProviderEnvironment.EMBEDDING_MODEL);
        if (configuredDefault != null && environmentDefault.isPresent()) {
            log.warn("{} is ignored: models.default is set in the configuration and takes precedence",
                    ProviderEnvironment.EMBEDDING_MODEL);
        }
        ProviderSelection selection = select(configuredDefault == null ? environmentDefault : Optional.empty());
        if (selection.local() && configuredDefault == null && environmentDefault.isPresent()) {
            requireLocal(routes, selection, environment.withCredentials(plugins));
        }
        Set<String> claimed = claimedNames(config.routes());
        Set<Guarded<EmbeddingProvider>> added = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ProviderPlugin> kinds = kinds(selection);
        for (ProviderPlugin plugin : kinds) {
            RemoteEndpoint endpoint = environment.endpoint(plugin, ATTEMPT_TIMEOUT);
            for (KnownModel model : plugin.knownModels()) {
                if (names(model).noneMatch(name -> claimed.contains(name.toLowerCase(Locale.ROOT)))) {
                    Guarded<EmbeddingProvider> provider = paths.guard(plugin.embedding(plugin.kind() + "/"
                            + model.name(), model.remoteModel(), endpoint), ResiliencePolicy.DEFAULT,
                            ProviderRateLimiter.UNLIMITED);
                    add(routes, model, provider, selection.local(), added);
                    added.add(provider);
                }
            }
        }
        String defaultModel = configuredDefault != null ? configuredDefault
                : selection.local() && environmentDefault.isEmpty() ? localDefault : selection.model();
        log.info("default model: {} ({}); providers from the environment: {}",
                defaultModel == null ? "the first model there is (no local model is served)" : defaultModel,
                selection.reason(),
                kinds.isEmpty() ? "none" : kinds.stream().map(ProviderPlugin::kind).collect(Collectors.joining(", ")));
        return defaultModel;
    }

    private ProviderSelection select(Optional<String> model) {
        try {
            return environment.selection(plugins, model);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The chosen kind first, then every other kind whose credentials are set, in auto order. */
    private List<ProviderPlugin> kinds(ProviderSelection selection) {
        var kinds = new ArrayList<ProviderPlugin>();
        if (!selection.local()) {
            kinds.add(plugins.require(selection.kind()));
        }
        environment.withCredentials(plugins).stream().filter(plugin -> !kinds.contains(plugin)).forEach(kinds::add);
        return kinds;
    }

    /**
     * EMBEDDING_MODEL, when the in-process models serve the default, must name one of them; the refusal lists them and
     * the models of the kinds the environment sets up, since a typo in a remote model's name also ends here.
     */
    private static void requireLocal(List<ModelRoute> localRoutes, ProviderSelection selection,
                                     List<ProviderPlugin> remoteKinds) {
        if (localRoutes.stream().noneMatch(route -> answersTo(route.name(), route.aliases(), selection.model()))) {
            String remote = remoteKinds.stream().map(plugin -> plugin.kind() + " models: " + plugin.knownModels()
                    .stream().map(KnownModel::name).collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
            throw new ConfigException(ProviderEnvironment.EMBEDDING_MODEL + " is '" + selection.model()
                    + "', but no model has that name (" + selection.reason() + "); local models: "
                    + localRoutes.stream().map(ModelRoute::name).collect(Collectors.joining(", "))
                    + (remote.isEmpty() ? "" : "; " + remote));
        }
    }

    private static void add(List<ModelRoute> routes, KnownModel model, Guarded<EmbeddingProvider> provider,
                            boolean localFirst, Set<Guarded<EmbeddingProvider>> fromEnvironment) {
        for (int i = 0; i < routes.size(); i++) {
            ModelRoute route = routes.get(i);
            if (route.space().equals(provider.provider().space())) {
                var providers = new ArrayList<>(route.providers());
                int position = localFirst ? providers.size()
                        : (int) providers.stream().filter(fromEnvironment::contains).count();
                providers.add(position, provider);
                var aliases = new ArrayList<>(route.aliases());
                names(model).filter(name -> !answersTo(route.name(), aliases, name)).forEach(aliases::add);
                routes.set(i, new ModelRoute(route.name(), aliases, providers, route.fallback()));
                return;
            }
        }
        routes.add(new ModelRoute(model.name(), model.aliases(), List.of(provider)));
    }

    /** The names (lower case) configured routes answer to. */
    private static Set<String> claimedNames(List<RouteConfig> routes) {
        return routes.stream().flatMap(route -> Stream.concat(Stream.of(route.name()), route.aliases().stream()))
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static Stream<String> names(KnownModel model) {
        return Stream.concat(Stream.of(model.name()), model.aliases().stream());
    }

    private static boolean answersTo(String name, List<String> aliases, String candidate) {
        return Stream.concat(Stream.of(name), aliases.stream()).anyMatch(known -> known.equalsIgnoreCase(candidate));
    }
}
