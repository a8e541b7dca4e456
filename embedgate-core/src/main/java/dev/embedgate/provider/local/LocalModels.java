package dev.embedgate.provider.local;

import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import java.nio.file.Path;
import java.util.List;

/** Builds routes and registries of in-process models. */
public final class LocalModels {

    private LocalModels() {
    }

    /** The folder built-in ONNX graphs are extracted to unless configured otherwise. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "embedgate-models");
    }

    /** A route served by one in-process provider, with thread settings sized to this machine. */
    public static ModelRoute route(LocalModelSpec spec) {
        return route(spec, InferenceSettings.defaults(spec.batchable(), Runtime.getRuntime().availableProcessors()));
    }

    public static ModelRoute route(LocalModelSpec spec, InferenceSettings settings) {
        return new ModelRoute(spec.name(), spec.aliases(), List.of(new LocalOnnxProvider(spec, settings)));
    }

    /**
     * The embedded default: the four built-in models (each loaded on first use), all-MiniLM-L6-v2 by default.
     * No services, no network.
     */
    public static ModelRegistry embeddedDefault() {
        List<ModelRoute> routes = BuiltInModels.all(defaultCacheDir()).stream().map(LocalModels::route).toList();
        return new ModelRegistry(routes, BuiltInModels.MINILM);
    }
}
