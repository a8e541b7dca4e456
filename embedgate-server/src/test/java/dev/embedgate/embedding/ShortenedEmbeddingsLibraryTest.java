package dev.embedgate.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.cache.EmbeddingCache;
import dev.embedgate.cache.MemoryCacheTier;
import dev.embedgate.call.CallPaths;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.provider.Secret;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.openai.OpenAiProvider;
import dev.embedgate.space.InputType;
import dev.embedgate.space.Vectors;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shortened embeddings through the Java API: EmbeddingRequest's dimensions, with the simulator as OpenAI. */
class ShortenedEmbeddingsLibraryTest {

    private static final String MODEL = "text-embedding-3-small";

    private static ProviderSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void embeddingRequestsAskForDimensionsAndGetVectorsOfThatSpace() {
        var provider = new OpenAiProvider(RemoteModelCatalog.builtIn().require("openai", MODEL).remoteModel(),
                new RemoteEndpoint(URI.create(simulator.openAiBaseUrl()), Secret.of("sk-library-test-key"), null));
        var route = new ModelRoute(MODEL, List.of(), List.of(CallPaths.standalone().guard(provider)));
        var cache = new EmbeddingCache(List.of(new MemoryCacheTier(1_000, 10_000_000, Duration.ofHours(1))),
                GatewayMetrics.NONE);
        try (var registry = new ModelRegistry(List.of(route), MODEL)) {
            EmbeddingService service = EmbeddingService.builder(registry).cache(cache).build();

            Embeddings full = service.embed(EmbeddingRequest.of(MODEL, List.of("from java")));
            Embeddings shortened = service.embed(
                    new EmbeddingRequest(MODEL, List.of("from java"), InputType.DOCUMENT, 512, true));
            Embeddings asked = service.embed(
                    new EmbeddingRequest(MODEL, List.of("from java"), InputType.DOCUMENT, 512, true), false);

            assertThat(shortened.space()).isEqualTo(full.space().withDimensions(512)).isNotEqualTo(full.space());
            assertThat(shortened.provider()).isEqualTo("cache");
            assertThat(shortened.vectors().getFirst())
                    .containsExactly(Vectors.truncated(full.vectors().getFirst(), 512));
            assertThat(asked.provider()).isEqualTo("openai/" + MODEL);
            assertThat(asked.vectors().getFirst()).containsExactly(shortened.vectors().getFirst(), within(1e-6f));
            assertThat(simulator.log().calls(Route.OPENAI)).isEqualTo(2);

            InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class, () -> service.embed(
                    new EmbeddingRequest(MODEL, List.of("x"), InputType.DOCUMENT, 4096, true)));
            assertThat(refused.param()).isEqualTo("dimensions");
            assertThat(refused).hasMessageContaining("1-1536");
        }
    }
}
