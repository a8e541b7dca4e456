package dev.embedgate.server.config;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.ProviderKind;
import dev.embedgate.provider.ProviderSelection;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.provider.local.ModelDirectoryReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the object graph from configuration: the one place that knows every concrete class. */
public final class GatewayAssembly {

    private static final Logger log = LoggerFactory.getLogger(GatewayAssembly.class);

    private GatewayAssembly() {
    }

    /** The service for this configuration and the process environment (provider keys and URLs). */
    public static EmbeddingService embeddingService(GatewayConfig config) {
        return embeddingService(config, ProviderEnvironment.system());
    }

    public static EmbeddingService embeddingService(GatewayConfig config, ProviderEnvironment environment) {
        return new EmbeddingService(registry(config, environment), config.limits().toEmbeddingLimits());
    }

    static ModelRegistry registry(GatewayConfig config, ProviderEnvironment environment) {
        GatewayConfig.Models models = config.models();
        List<LocalModelSpec> specs = new ArrayList<>();
        if (models.builtIn()) {
            specs.addAll(BuiltInModels.all(models.cacheDir()));
        }
        for (GatewayConfig.DirectoryModel model : models.directories()) {
            try {
                specs.add(ModelDirectoryReader.read(model.name(), model.aliases(), model.path()));
            } catch (IOException e) {
                throw new ConfigException("models.directories: model '" + model.name() + "': " + e.getMessage(), e);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<ModelRoute> routes = new ArrayList<>(specs.stream()
                .map(spec -> LocalModels.route(spec, models.inference().settingsFor(spec.batchable(), cores)))
                .toList());
        String defaultModel = models.defaultModel();
        ProviderSelection selection = select(environment);
        if (selection.kind() != ProviderKind.LOCAL) {
            ModelRoute selected = EnvironmentRoute.add(selection, environment, routes);
            defaultModel = defaultModel != null ? defaultModel : selected.name();
            log.info("default provider: {} ({})", selected.primary().name(), selection.reason());
        }
        new ConfiguredRoutes(environment, RateLimiters.from(config.rateLimits())).addTo(config, routes);
        if (routes.isEmpty()) {
            throw new ConfigException("no model is configured: set models.builtIn to true or add models.directories");
        }
        try {
            return new ModelRegistry(routes, defaultModel != null ? defaultModel : BuiltInModels.MINILM);
        } catch (RuntimeException e) {
            throw new ConfigException("models: " + e.getMessage(), e);
        }
    }

    private static ProviderSelection select(ProviderEnvironment environment) {
        try {
            return environment.selection();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
