package dev.embedgate.provider.local;

import dev.embedgate.call.CallPaths;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import java.nio.file.Path;
import java.util.List;

/** Builds routes and registries of in-process models. */
public final class LocalModels {

    private LocalModels() {
    }

    /**
     * The folder built-in ONNX graphs are extracted to unless configured otherwise: one per user in the temporary
     * folder, since a folder another user owns is refused ({@link ClasspathModelSource}).
     */
    public static Path defaultCacheDir() {
        String user = System.getProperty("user.name", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "embedgate-models-" + user);
    }

    /** A route served by one in-process provider, with thread settings sized to this machine. */
    public static ModelRoute route(LocalModelSpec spec, CallPaths paths) {
        return route(spec, InferenceSettings.defaults(spec.batchable(), Runtime.getRuntime().availableProcessors()),
                paths);
    }

    /** A route served by one in-process provider behind its call path (no rate limit: the queue bounds it). */
    public static ModelRoute route(LocalModelSpec spec, InferenceSettings settings, CallPaths paths) {
        return new ModelRoute(spec.name(), spec.aliases(), List.of(paths.guard(new LocalOnnxProvider(spec, settings))));
    }

    /**
     * The embedded default: the four built-in models (each loaded on first use), all-MiniLM-L6-v2 by default.
     * No services, no network.
     */
    public static ModelRegistry embeddedDefault() {
        CallPaths paths = CallPaths.standalone();
        List<ModelRoute> routes = BuiltInModels.all(defaultCacheDir()).stream().map(spec -> route(spec, paths)).toList();
        return new ModelRegistry(routes, BuiltInModels.MINILM);
    }
}
