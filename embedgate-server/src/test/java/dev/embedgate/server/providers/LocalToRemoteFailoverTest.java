package dev.embedgate.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.Secret;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.huggingface.HuggingFaceOptions;
import dev.embedgate.provider.huggingface.HuggingFaceProvider;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.InferenceSettings;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.provider.local.LocalOnnxProvider;
import dev.embedgate.provider.local.ModelSource;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route "in-process model first, then a remote provider of the same space" fails over when the local model
 * cannot serve: its queue is full, or its weights do not load. The remote side is the simulator over real HTTP.
 */
class LocalToRemoteFailoverTest {

    private static final String HF_KEY = "hf_failover0123456789";
    private static ProviderSimulator simulator;
    private static LocalModelSpec miniLm;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
        miniLm = BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(spec -> spec.name().equals(BuiltInModels.MINILM)).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static EmbeddingProvider remoteMiniLm() {
        return new HuggingFaceProvider("hf-minilm",
                RemoteModelCatalog.builtIn().require("huggingface", BuiltInModels.MINILM).remoteModel(),
                RemoteEndpoint.of(simulator.huggingFaceBaseUrl(), Secret.of(HF_KEY)), HuggingFaceOptions.DEFAULT);
    }

    @Test
    void aLocalModelWhoseWeightsDoNotLoadFailsOverToTheRemoteProviderOfItsSpace() throws IOException {
        Path garbage = Files.write(dir.resolve("model.onnx"), new byte[]{1, 2, 3, 4});
        var broken = new LocalModelSpec(miniLm.name(), List.of(), miniLm.space(), new ModelSource() {
            @Override
            public Path onnxFile() {
                return garbage;
            }

            @Override
            public InputStream openTokenizerJson() throws IOException {
                return miniLm.source().openTokenizerJson();
            }

            @Override
            public String describe() {
                return "a corrupt file";
            }
        }, true);
        var paths = CallPaths.standalone();
        var route = new ModelRoute("minilm", List.of(), List.of(
                paths.guard(new LocalOnnxProvider(broken, InferenceSettings.defaults(true, 2))),
                paths.guard(remoteMiniLm())));
        simulator.log().reset();

        try (var registry = new ModelRegistry(List.of(route), "minilm")) {
            Embeddings served = new EmbeddingService(registry).embed(EmbeddingRequest.of("minilm", List.of("a text")));

            assertThat(served.provider()).isEqualTo("hf-minilm");
            assertThat(served.degraded()).isFalse();
            assertThat(simulator.log().calls(Route.HUGGINGFACE)).isEqualTo(1);
        }
    }

    @Test
    void aLocalModelWhoseQueueIsFullFailsOverToTheRemoteProviderOfItsSpace() {
        var paths = CallPaths.standalone();
        // A queue of 64 texts, and calls large enough (a queue of 16 x 64 x 256 tokens) that the filler is one call.
        Guarded<EmbeddingProvider> local = paths.guard(new LocalOnnxProvider(miniLm,
                new InferenceSettings(1, 1, 32, 512, 64, 16 * 64 * 256, InferenceSettings.DEFAULT_BACKGROUND_SHARE)));
        var localOnly = new ModelRoute("local-only", List.of(), List.of(local));
        var localFirst = new ModelRoute("local-first", List.of(), List.of(local, paths.guard(remoteMiniLm())));
        simulator.log().reset();

        try (var registry = new ModelRegistry(List.of(localOnly, localFirst), "local-only")) {
            var service = new EmbeddingService(registry);
            String longText = String.join(" ", Collections.nCopies(300, "saturation"));
            List<String> filler = IntStream.range(0, 64).mapToObj(i -> i + " " + longText).toList();
            CompletableFuture<Embeddings> filling = CompletableFuture.supplyAsync(
                    () -> service.embed(EmbeddingRequest.of("local-only", filler)));
            var onnx = (LocalOnnxProvider) local.provider();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (onnx.batchCounts().batches() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            Embeddings served = service.embed(EmbeddingRequest.of("local-first", List.of("one", "two", "three")));

            assertThat(filling).as("the filler was still queued when the probe came").isNotDone();
            assertThat(served.provider()).isEqualTo("hf-minilm");
            assertThat(simulator.log().calls(Route.HUGGINGFACE)).isEqualTo(1);
            assertThat(filling.join().vectors()).hasSize(64);
        }
    }
}
