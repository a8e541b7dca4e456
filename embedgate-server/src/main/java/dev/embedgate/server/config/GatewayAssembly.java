package dev.embedgate.server.config;

import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.provider.local.BuiltInModels;
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
        List<ModelRoute> routes = new ArrayList<>();
        if (models.builtIn()) {
            BuiltInModels.all(models.cacheDir()).forEach(spec -> routes.add(LocalModels.route(spec)));
        }
        for (GatewayConfig.DirectoryModel model : models.directories()) {
            try {
                routes.add(LocalModels.route(ModelDirectoryReader.read(model.name(), model.aliases(), model.path())));
            } catch (IOException e) {
                throw new ConfigException("models.directories: model '" + model.name() + "': " + e.getMessage(), e);
            }
        }
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
