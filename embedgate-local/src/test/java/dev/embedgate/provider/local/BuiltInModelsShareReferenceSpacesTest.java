package dev.embedgate.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.RemoteModelCatalog;
import org.junit.jupiter.api.Test;

/**
 * The bundled models' spaces are the reference spaces that remote providers of the same models serve, so a route
 * may fail over between the in-process model and the Hugging Face router, TEI or Ollama.
 */
class BuiltInModelsShareReferenceSpacesTest {

    private static final RemoteModelCatalog CATALOG = RemoteModelCatalog.builtIn();

    @Test
    void remoteMiniLmServesTheLocalModelsSpaceSoFailoverIsSafe() {
        LocalModelSpec localSpec = BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(spec -> spec.name().equals(BuiltInModels.MINILM)).findFirst().orElseThrow();
        try (var local = new LocalOnnxProvider(localSpec, InferenceSettings.defaults(true, 1))) {
            assertThat(CATALOG.require("huggingface", BuiltInModels.MINILM).space()).isEqualTo(local.space());
            assertThat(CATALOG.require("tei", BuiltInModels.MINILM).space()).isEqualTo(local.space());
            assertThat(CATALOG.require("ollama", "all-minilm").space()).isEqualTo(local.space());
            assertThat(CATALOG.require("ollama", "all-minilm:latest").space()).isEqualTo(local.space());
            assertThat(local.space().maxTokens()).isEqualTo(256);
        }
    }

    @Test
    void theInt8ExportIsNotTheRemoteSpace() {
        var int8 = BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(spec -> spec.name().equals(BuiltInModels.MINILM_INT8)).findFirst().orElseThrow();

        assertThat(CATALOG.require("huggingface", BuiltInModels.MINILM).space()).isNotEqualTo(int8.space());
    }
}
