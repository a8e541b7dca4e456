package dev.embedgate.embedding;

import static dev.embedgate.call.TestPaths.onceEach;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.embedgate.call.ScriptedProvider;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.error.RateLimitedException;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batching to provider limits, failover within a space, and explicit cross-space fallback. */
class RoutingTest {

    private static final EmbeddingSpace OTHER_SPACE_SAME_DIMENSIONS =
            new EmbeddingSpace("other/model", "v1", 3, Pooling.PROVIDER_DEFINED, false, 512, "", "");

    @Test
    void splitsByInputCountAndReassemblesInInputOrder() {
        var provider = new ScriptedProvider("remote", ScriptedProvider.SPACE, new ProviderLimits(3, 1000, 100_000));
        List<String> texts = IntStream.range(0, 10).mapToObj("x"::repeat).map(s -> s + "y").toList();

        Embeddings result = service(new ModelRoute("m", List.of(), onceEach(provider))).embed(EmbeddingRequest.of("m", texts));

        assertThat(provider.requests()).hasSize(4).allSatisfy(call -> assertThat(call.size()).isLessThanOrEqualTo(3));
        for (int i = 0; i < texts.size(); i++) {
            assertThat(result.vectors().get(i)[0]).isEqualTo(texts.get(i).length());
        }
    }

    @Test
    void splitsByTokensPerRequest() {
        var provider = new ScriptedProvider("remote", ScriptedProvider.SPACE, new ProviderLimits(100, 1000, 10));
        List<String> texts = List.of("one two three four", "five six seven", "eight nine ten eleven", "twelve");

        service(new ModelRoute("m", List.of(), onceEach(provider))).embed(EmbeddingRequest.of("m", texts));

        // The two calls run concurrently, so they may arrive in either order.
        assertThat(provider.requests()).containsExactlyInAnyOrder(
                List.of("one two three four", "five six seven"), List.of("eight nine ten eleven", "twelve"));
    }

    @Test
    void failsOverToTheNextProviderOfTheSameSpace() {
        var primary = new ScriptedProvider("primary").always(Kind.SERVER_ERROR);
        var secondary = new ScriptedProvider("secondary");

        Embeddings result = service(new ModelRoute("m", List.of(), onceEach(primary, secondary)))
                .embed(EmbeddingRequest.of("m", List.of("hello")));

        assertThat(result.provider()).isEqualTo("secondary");
        assertThat(result.degraded()).isFalse();
        assertThat(result.space()).isEqualTo(ScriptedProvider.SPACE);
    }

    @Test
    void onlyTheFailedBatchesMoveToTheNextProvider() {
        var primary = new ScriptedProvider("primary", ScriptedProvider.SPACE, new ProviderLimits(1, 1000, 100_000))
                .thenFail(Kind.SERVER_ERROR, 1);
        var secondary = new ScriptedProvider("secondary");

        Embeddings result = service(new ModelRoute("m", List.of(), onceEach(primary, secondary)))
                .embed(EmbeddingRequest.of("m", List.of("a", "bb", "ccc")));

        assertThat(secondary.requests()).hasSize(1).first().asList().hasSize(1);
        assertThat(result.provider()).contains("primary").contains("secondary");
        assertThat(result.vectors()).extracting(vector -> vector[0]).containsExactly(1f, 2f, 3f);
    }

    @Test
    void neverFallsBackToAnotherSpaceUnlessTheRouteSaysSo() {
        var primary = new ScriptedProvider("primary").always(Kind.SERVER_ERROR);

        var failure = catchThrowableOfType(ProviderFailureException.class,
                () -> service(new ModelRoute("m", List.of(), onceEach(primary))).embed(EmbeddingRequest.of("m", List.of("x"))));

        assertThat(failure).hasMessageContaining("primary");
    }

    @Test
    void configuredFallbackIntoAnotherSpaceServesAndIsMarkedDegraded() {
        var primary = new ScriptedProvider("primary").always(Kind.SERVER_ERROR);
        var fallback = new ScriptedProvider("hash/3", OTHER_SPACE_SAME_DIMENSIONS, new ProviderLimits(100, 1000, 100_000));

        Embeddings result = service(new ModelRoute("m", List.of(), onceEach(primary), onceEach(fallback)))
                .embed(EmbeddingRequest.of("m", List.of("x")));

        assertThat(result.degraded()).isTrue();
        assertThat(result.space()).isEqualTo(OTHER_SPACE_SAME_DIMENSIONS);
        assertThat(result.provider()).isEqualTo("hash/3");
    }

    @Test
    void callsThatSucceededBeforeAFallbackAreStillBilledButOnlyTheFallbackIsNamed() {
        // One text per call: of the two calls, one fails (once) and the other is answered, and billed.
        var primary = new ScriptedProvider("primary", ScriptedProvider.SPACE, new ProviderLimits(1, 1000, 100_000))
                .thenFail(Kind.SERVER_ERROR, 1);
        var fallback = new ScriptedProvider("hash/3", OTHER_SPACE_SAME_DIMENSIONS, new ProviderLimits(100, 1000, 100_000));

        Embeddings result = service(new ModelRoute("m", List.of(), onceEach(primary), onceEach(fallback)))
                .embed(EmbeddingRequest.of("m", List.of("first", "second")));

        assertThat(result.degraded()).isTrue();
        assertThat(result.provider()).isEqualTo("hash/3");
        assertThat(result.usage().upstream()).extracting(ProviderUsage::provider, ProviderUsage::calls)
                .containsExactly(tuple("primary", 1), tuple("hash/3", 1));
    }

    @Test
    void whenEveryProviderFailsTheErrorNamesEachOne() {
        var primary = new ScriptedProvider("primary").always(Kind.SERVER_ERROR);
        var secondary = new ScriptedProvider("secondary").always(Kind.UNAUTHORIZED);

        var failure = catchThrowableOfType(ProviderFailureException.class,
                () -> service(new ModelRoute("m", List.of(), onceEach(primary, secondary)))
                        .embed(EmbeddingRequest.of("m", List.of("x"))));

        assertThat(failure).hasMessageContaining("every provider of model 'm' failed")
                .hasMessageContaining("primary: server_error").hasMessageContaining("secondary: unauthorized");
    }

    @Test
    void theSpaceAddressedApiNeverAnswersFromAnotherSpace() {
        var primary = new ScriptedProvider("primary").always(Kind.SERVER_ERROR);
        var fallback = new ScriptedProvider("hash/3", OTHER_SPACE_SAME_DIMENSIONS, new ProviderLimits(100, 1000, 100_000));
        var service = service(new ModelRoute("m", List.of(), onceEach(primary), onceEach(fallback)));

        var failure = catchThrowableOfType(ProviderFailureException.class, () -> service.embed(
                SpaceEmbeddingRequest.background(ScriptedProvider.SPACE.id(), List.of("a memory")), Caller.ANONYMOUS));

        assertThat(failure).hasMessageContaining("primary");
        assertThat(fallback.calls()).as("the fallback of another space is never asked").isZero();
    }

    @Test
    void providersThatAreOnlyBusyAnswerRateLimitedNotFailed() {
        var local = new ScriptedProvider("local").always(Kind.OVERLOADED);
        var remote = new ScriptedProvider("remote").thenFail(() -> new ProviderCallException("remote",
                Kind.RATE_LIMITED, 429, Duration.ofSeconds(7), "slow down", null));

        var failure = catchThrowableOfType(RateLimitedException.class,
                () -> service(new ModelRoute("m", List.of(), onceEach(local, remote)))
                        .embed(EmbeddingRequest.of("m", List.of("x"))));

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aProviderThatBreaksUnexpectedlyFailsOverLikeAnyFailingProvider() {
        var broken = new ScriptedProvider("broken").thenFail(() -> new IllegalStateException("a bug in a plug-in"));
        var healthy = new ScriptedProvider("healthy");

        Embeddings result = service(new ModelRoute("m", List.of(), onceEach(broken, healthy)))
                .embed(EmbeddingRequest.of("m", List.of("x")));

        assertThat(result.provider()).isEqualTo("healthy");
    }

    private static EmbeddingService service(ModelRoute route) {
        return new EmbeddingService(new ModelRegistry(List.of(route), route.name()));
    }
}
