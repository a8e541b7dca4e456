package dev.embedgate.server.config;

import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.ResiliencePolicy;
import dev.embedgate.limits.ProviderRateLimiter;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderSelection;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.ProviderPlugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The route of the provider the environment selects (EMBEDDING_PROVIDER, or the first provider with
 * credentials), so that pointing EmbedGate at a provider, or at the simulator, needs no config file.
 */
final class EnvironmentRoute {

    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private EnvironmentRoute() {
    }

    /**
     * Adds the selected provider to {@code routes}: in front of the local route of the same space when there is
     * one (a remote all-MiniLM-L6-v2 then fails over to the in-process model), else as a route of its own.
     *
     * @return the route now serving the selected model
     */
    static ModelRoute add(ProviderSelection selection, ProviderPlugins plugins, ProviderEnvironment environment,
                          List<ModelRoute> routes, CallPaths paths) {
        ProviderPlugin plugin = plugins.require(selection.kind());
        KnownModel model = plugins.catalog().require(selection.kind(), selection.model());
        Guarded<EmbeddingProvider> provider = paths.guard(plugin.embedding(plugin.kind() + "/" + model.name(),
                model.remoteModel(), environment.endpoint(plugin, ATTEMPT_TIMEOUT)), ResiliencePolicy.DEFAULT,
                ProviderRateLimiter.UNLIMITED);
        for (int i = 0; i < routes.size(); i++) {
            ModelRoute local = routes.get(i);
            if (local.space().equals(provider.provider().space())) {
                var providers = new ArrayList<Guarded<EmbeddingProvider>>();
                providers.add(provider);
                providers.addAll(local.providers());
                ModelRoute merged = new ModelRoute(local.name(), local.aliases(), providers, local.fallback());
                routes.set(i, merged);
                return merged;
            }
        }
        ModelRoute own = new ModelRoute(model.name(), model.aliases(), List.of(provider));
        routes.add(own);
        return own;
    }
}
