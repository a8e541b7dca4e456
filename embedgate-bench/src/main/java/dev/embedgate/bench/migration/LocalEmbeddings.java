package dev.embedgate.bench.migration;

import dev.embedgate.call.CallPaths;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.InferenceSettings;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import java.util.List;
import java.util.Set;

/**
 * The embedding pipeline of the embedded default, in this JVM: the bundled all-MiniLM-L6-v2 (the default model) and
 * bge-small-en-v1.5, each an in-process ONNX provider with the server's default inference settings for this machine
 * ({@code models.inference} unset), behind an {@link EmbeddingService} without a cache, so that every text reaches
 * the model (with one, the raw runs would fill the cache the migrations then read).
 */
final class LocalEmbeddings implements AutoCloseable {

    private final ModelRegistry registry;
    private final EmbeddingService service;

    LocalEmbeddings() {
        CallPaths paths = CallPaths.standalone();
        int cores = Runtime.getRuntime().availableProcessors();
        Set<String> models = Set.of(BuiltInModels.MINILM, BuiltInModels.BGE_SMALL);
        List<ModelRoute> routes = BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(spec -> models.contains(spec.name()))
                .map(spec -> LocalModels.route(spec, InferenceSettings.defaults(spec.batchable(), cores), paths))
                .toList();
        this.registry = new ModelRegistry(routes, BuiltInModels.MINILM);
        this.service = EmbeddingService.builder(registry).build();
    }

    EmbeddingService service() {
        return service;
    }

    /** The space id of the bundled model {@code name}. */
    String space(String name) {
        return registry.resolve(name).space().id();
    }

    /** The bundled model's inference settings here, for the report. */
    static InferenceSettings settings(String name) {
        LocalModelSpec spec = BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow();
        return InferenceSettings.defaults(spec.batchable(), Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void close() {
        registry.close();
    }
}
