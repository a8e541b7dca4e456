package dev.embedgate.server.config;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.provider.local.ModelDirectoryReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Wires the object graph from configuration: the one place that knows every concrete class. */
public final class GatewayAssembly {

    private GatewayAssembly() {
    }

    public static EmbeddingService embeddingService(GatewayConfig config) {
        return new EmbeddingService(registry(config.models()), config.limits().toEmbeddingLimits());
    }

    static ModelRegistry registry(GatewayConfig.Models models) {
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
        List<ModelRoute> routes = specs.stream()
                .map(spec -> LocalModels.route(spec, models.inference().settingsFor(spec.batchable(), cores)))
                .toList();
        if (routes.isEmpty()) {
            throw new ConfigException("no model is configured: set models.builtIn to true or add models.directories");
        }
        try {
            return new ModelRegistry(routes, models.defaultModel());
        } catch (RuntimeException e) {
            throw new ConfigException("models: " + e.getMessage(), e);
        }
    }
}
