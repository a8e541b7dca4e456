package dev.embedgate.cache;

import static dev.embedgate.call.TestPaths.onceEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.embedding.EmbeddingService;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.embedding.ModelRegistry;
import dev.embedgate.embedding.ModelRoute;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.provider.hash.HashProvider;
import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.space.InputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with the cache in front of the real local models: per-input hits and misses, space separation,
 * single-flight, and what is never cached.
 */
class CachedEmbeddingServiceTest {

    private static final String FALLBACK_MODEL = "minilm-with-emergency";

    private static ModelRegistry local;
    private static Map<String, CountingProvider> counted;
    private static CountingProvider failingMiniLm;
    private EmbeddingService service;
    private MemoryCacheTier memory;

    @BeforeAll
    static void loadModels() {
        local = LocalModels.embeddedDefault();
        counted = new java.util.HashMap<>();
        for (ModelRoute route : local.routes()) {
            counted.put(route.name(), new CountingProvider(route.primary().provider()));
        }
        failingMiniLm = new CountingProvider(local.resolve(BuiltInModels.MINILM).primary().provider());
    }

    @AfterAll
    static void closeModels() {
        local.close();
    }

    @BeforeEach
    void freshCache() {
        counted.values().forEach(provider -> provider.calls().clear());
        failingMiniLm.calls().clear();
        failingMiniLm.failing(false);
        var routes = new ArrayList<ModelRoute>();
        for (ModelRoute route : local.routes()) {
            routes.add(new ModelRoute(route.name(), route.aliases(), onceEach(counted.get(route.name()))));
        }
        routes.add(new ModelRoute(FALLBACK_MODEL, List.of(), onceEach(failingMiniLm),
                onceEach(HashProvider.degradedFallback(384))));
        memory = new MemoryCacheTier(10_000, 64L * 1024 * 1024, Duration.ofHours(1));
        service = EmbeddingService.builder(new ModelRegistry(routes, BuiltInModels.MINILM))
                .cache(new EmbeddingCache(List.of(memory), dev.embedgate.metrics.GatewayMetrics.NONE)).build();
    }

    private static List<String> texts(int count, String tag) {
        return IntStream.range(0, count).mapToObj(i -> tag + " text number " + i + " about packages").toList();
    }

    private static CountingProvider miniLm() {
        return counted.get(BuiltInModels.MINILM);
    }

    @Test
    void partialHitsSendOnlyTheMissesUpstreamAndKeepEveryIndex() {
        List<String> all = texts(40, "partial");
        List<String> cachedFirst = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 4 != 0) {
                cachedFirst.add(all.get(i));
            }
        }
        Embeddings reference = new EmbeddingService(local).embed(EmbeddingRequest.of(BuiltInModels.MINILM, all), false);
        service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, cachedFirst));
        miniLm().calls().clear();

        Embeddings mixed = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, all));

        List<String> upstream = miniLm().calls().stream().flatMap(List::stream).toList();
        assertThat(upstream).as("only the 10 misses go upstream").hasSize(10)
                .containsExactlyElementsOf(IntStream.range(0, 40).filter(i -> i % 4 == 0).mapToObj(all::get).toList());
        assertThat(mixed.cacheOutcome()).isEqualTo("partial");
        assertThat(mixed.usage().cacheHits()).isEqualTo(30);
        for (int i = 0; i < all.size(); i++) {
            assertThat(mixed.vectors().get(i)).as("index %d", i).containsExactly(reference.vectors().get(i));
        }
    }

    @Test
    void aFullHitCallsNoProviderAndBillsNoTokens() {
        List<String> batch = texts(5, "full");
        Embeddings first = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, batch));
        miniLm().calls().clear();

        Embeddings again = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, batch));

        assertThat(miniLm().calls()).isEmpty();
        assertThat(again.cacheOutcome()).isEqualTo("hit");
        assertThat(again.provider()).isEqualTo("cache");
        assertThat(again.promptTokens()).isZero();
        assertThat(again.usage().savedTokens()).as("the saved tokens are what the texts cost the first time")
                .isEqualTo(first.promptTokens());
        assertThat(again.usage().savedAt()).isEqualTo(miniLm().name());
    }

    @Test
    void spacesOfEqualDimensionsNeverShareEntries() {
        String text = "the same text in two spaces of 384 dimensions";
        Embeddings fp32 = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, List.of(text)));

        Embeddings int8 = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM_INT8, List.of(text)));

        assertThat(int8.cacheOutcome()).isEqualTo("miss");
        assertThat(counted.get(BuiltInModels.MINILM_INT8).calls()).hasSize(1);
        assertThat(int8.space()).isNotEqualTo(fp32.space());
        assertThat(int8.vectors().getFirst()).isNotEqualTo(fp32.vectors().getFirst());
        assertThat(memory.countBySpace()).containsOnlyKeys(fp32.space().id(), int8.space().id());
    }

    @Test
    void queriesAndDocumentsAreCachedApart() {
        String text = "how to pin a package version";
        Embeddings document = service.embed(EmbeddingRequest.of(BuiltInModels.BGE_SMALL, List.of(text)));

        Embeddings query = service.embed(new EmbeddingRequest(BuiltInModels.BGE_SMALL, List.of(text), InputType.QUERY,
                null, true));

        assertThat(query.cacheOutcome()).isEqualTo("miss");
        assertThat(query.vectors().getFirst()).as("bge embeds queries with its instruction")
                .isNotEqualTo(document.vectors().getFirst());
        assertThat(service.embed(new EmbeddingRequest(BuiltInModels.BGE_SMALL, List.of(text), InputType.QUERY, null,
                true)).cacheOutcome()).isEqualTo("hit");
    }

    @Test
    void aTextRepeatedInOneRequestIsEmbeddedOnce() {
        List<String> repeated = List.of("alpha text", "beta text", "alpha text", "alpha text");

        Embeddings result = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, repeated));

        assertThat(miniLm().calls()).singleElement().isEqualTo(List.of("alpha text", "beta text"));
        assertThat(result.vectors().get(2)).containsExactly(result.vectors().get(0));
        assertThat(result.vectors().get(1)).isNotEqualTo(result.vectors().get(0));
    }

    @Test
    void concurrentIdenticalMissesMakeOneUpstreamCall() throws Exception {
        var start = new CountDownLatch(1);
        var request = EmbeddingRequest.of(BuiltInModels.MINILM, List.of("fifty callers ask for this at once"));
        var answers = new ArrayList<Future<Embeddings>>();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return service.embed(request);
                }));
            }
            start.countDown();
            float[] first = answers.getFirst().get().vectors().getFirst();
            for (Future<Embeddings> answer : answers) {
                assertThat(answer.get().vectors().getFirst()).containsExactly(first);
            }
        }

        assertThat(miniLm().calls()).hasSize(1);
        assertThat(answers.stream().mapToInt(answer -> {
            try {
                return answer.get().usage().cacheHits();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sum()).as("all but the one that called upstream count as hits").isEqualTo(49);
    }

    @Test
    void degradedFallbackVectorsAreNeverCachedAndTheWholeRequestStaysInOneSpace() {
        String cached = "cached while the primary was up";
        service.embed(EmbeddingRequest.of(FALLBACK_MODEL, List.of(cached)));
        failingMiniLm.failing(true);

        Embeddings degraded = service.embed(EmbeddingRequest.of(FALLBACK_MODEL, List.of(cached, "a new text")));

        assertThat(degraded.degraded()).isTrue();
        assertThat(degraded.space().model()).isEqualTo(HashProvider.MODEL);
        assertThat(degraded.cacheOutcome()).as("a cached primary-space vector never joins a degraded answer")
                .isEqualTo("miss");
        failingMiniLm.failing(false);
        failingMiniLm.calls().clear();
        Embeddings recovered = service.embed(EmbeddingRequest.of(FALLBACK_MODEL, List.of("a new text")));
        assertThat(recovered.degraded()).isFalse();
        assertThat(failingMiniLm.calls()).as("the degraded vector was not cached as the primary space's").hasSize(1);
        assertThat(memory.countBySpace()).doesNotContainKey(degraded.space().id());
    }

    @Test
    void aCachedTruncatedVectorIsNotServedToARequestThatRefusesTruncation() {
        String longText = String.join(" ", Collections.nCopies(400, "word"));
        Embeddings truncated = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, List.of(longText)));
        assertThat(truncated.truncatedIndexes()).containsExactly(0);

        assertThat(service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, List.of(longText))).truncatedIndexes())
                .as("a hit still reports the truncation").containsExactly(0);
        assertThatThrownBy(() -> service.embed(new EmbeddingRequest(BuiltInModels.MINILM, List.of(longText),
                InputType.DOCUMENT, null, false))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anInputRefusedUpstreamIsNamedByItsPlaceInTheRequestNotInTheCall() {
        String cached = "a short text that is cached";
        String longText = String.join(" ", Collections.nCopies(400, "word"));
        service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, List.of(cached)));

        var refused = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidRequestException.class,
                () -> service.embed(new EmbeddingRequest(BuiltInModels.MINILM, List.of(cached, longText),
                        InputType.DOCUMENT, null, false)));

        assertThat(miniLm().calls().getLast()).as("only the long text went upstream").containsExactly(longText);
        assertThat(refused.param()).isEqualTo("input[1]");
        assertThat(refused).hasMessageStartingWith("input[1] is longer than the 256 tokens");
    }

    @Test
    void optingOutNeitherReadsNorWrites() {
        List<String> batch = List.of("opted out text");
        service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, batch));
        miniLm().calls().clear();

        Embeddings bypassed = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, batch), false);
        Embeddings neverStored = service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, List.of("never stored")), false);

        assertThat(bypassed.cacheOutcome()).isEqualTo("miss");
        assertThat(miniLm().calls()).hasSize(2);
        assertThat(service.embed(EmbeddingRequest.of(BuiltInModels.MINILM, List.of("never stored"))).cacheOutcome())
                .isEqualTo("miss");
        assertThat(neverStored.promptTokens()).isPositive();
    }
}
