package dev.embedgate.embedding;

import static dev.embedgate.call.TestPaths.onceEach;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedgate.cache.EmbeddingCache;
import dev.embedgate.cache.MemoryCacheTier;
import dev.embedgate.cache.MovableClock;
import dev.embedgate.call.ScriptedProvider;
import dev.embedgate.error.ProviderFailureException;
import dev.embedgate.metrics.GatewayMetrics;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Serving stale on error: when every provider of a space failed, cache entries of that space past their TTL (kept
 * for {@code staleFor}) answer, marked stale and billed nothing; never another space's, never for a refusal of the
 * request itself, never instead of an input nothing stale covers, and before any degraded fallback.
 */
class StaleOnErrorTest {

    private static final Duration TTL = Duration.ofHours(1);
    private static final EmbeddingSpace OTHER_SPACE_SAME_DIMENSIONS =
            new EmbeddingSpace("other/model", "v1", 3, Pooling.PROVIDER_DEFINED, false, 512, "", "");

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScriptedProvider primary = new ScriptedProvider("primary");
    private final ScriptedProvider secondary = new ScriptedProvider("secondary");

    private EmbeddingService service(Duration staleFor, ModelRoute... routes) {
        var cache = new EmbeddingCache(List.of(new MemoryCacheTier(1_000, 1L << 20, TTL, staleFor, clock)),
                new GatewayMetrics(meters));
        return EmbeddingService.builder(new ModelRegistry(List.of(routes), routes[0].name())).cache(cache)
                .metrics(new GatewayMetrics(meters)).build();
    }

    private ModelRoute route() {
        return new ModelRoute("m", List.of(), onceEach(primary, secondary));
    }

    private void everyProviderFails(Kind kind) {
        primary.always(kind);
        secondary.always(kind);
    }

    @Test
    void whenEveryProviderFailsExpiredEntriesOfTheSpaceAnswerMarkedStaleAndBillNothing() {
        EmbeddingService service = service(Duration.ofHours(6), route());
        Embeddings fresh = service.embed(EmbeddingRequest.of("m", List.of("a", "bb")));
        clock.advance(TTL.plusMinutes(1));
        everyProviderFails(Kind.SERVER_ERROR);

        Embeddings stale = service.embed(EmbeddingRequest.of("m", List.of("a", "bb")));

        assertThat(stale.staleIndexes()).containsExactly(0, 1);
        assertThat(stale.vectors()).containsExactlyElementsOf(fresh.vectors());
        assertThat(stale.space()).isEqualTo(ScriptedProvider.SPACE);
        assertThat(stale.degraded()).isFalse();
        assertThat(stale.promptTokens()).isZero();
        assertThat(stale.usage().cacheHits()).isEqualTo(2);
        assertThat(stale.cacheOutcome()).isEqualTo("hit");
        assertThat(primary.calls()).as("the provider was asked first").isEqualTo(2);
        assertThat(meters.counter("embedgate.cache.stale.served", "model", "m").count()).isEqualTo(2);
    }

    @Test
    void freshAndStaleInputsAnswerTogetherAndOnlyTheStaleOnesAreMarked() {
        EmbeddingService service = service(Duration.ofHours(6), route());
        service.embed(EmbeddingRequest.of("m", List.of("older")));
        clock.advance(Duration.ofMinutes(40));
        service.embed(EmbeddingRequest.of("m", List.of("newer")));
        clock.advance(Duration.ofMinutes(40));
        everyProviderFails(Kind.TIMEOUT);

        Embeddings answer = service.embed(EmbeddingRequest.of("m", List.of("newer", "older", "older")));

        assertThat(answer.staleIndexes()).containsExactly(1, 2);
        assertThat(answer.vectors()).extracting(vector -> vector[0]).containsExactly(5f, 5f, 5f);
        assertThat(primary.calls()).as("only the expired text went upstream").isEqualTo(3);
    }

    @Test
    void anInputThatNothingStaleCoversFailsTheRequestAsBefore() {
        EmbeddingService service = service(Duration.ofHours(6), route());
        service.embed(EmbeddingRequest.of("m", List.of("known")));
        clock.advance(TTL.plusMinutes(1));
        everyProviderFails(Kind.CONNECTION);

        assertThatThrownBy(() -> service.embed(EmbeddingRequest.of("m", List.of("known", "never embedded"))))
                .isInstanceOf(ProviderFailureException.class);
    }

    @Test
    void aProviderRefusingTheRequestAsSentGetsItsErrorToTheCallerNotAStaleAnswer() {
        EmbeddingService service = service(Duration.ofHours(6), route());
        service.embed(EmbeddingRequest.of("m", List.of("refused")));
        clock.advance(TTL.plusMinutes(1));
        everyProviderFails(Kind.REJECTED);

        assertThatThrownBy(() -> service.embed(EmbeddingRequest.of("m", List.of("refused"))))
                .isInstanceOf(ProviderFailureException.class);
    }

    @Test
    void entriesPastStaleForOrWithStaleForOffNeverAnswer() {
        EmbeddingService keepsAnHour = service(Duration.ofHours(1), route());
        keepsAnHour.embed(EmbeddingRequest.of("m", List.of("gone")));
        EmbeddingService keepsNone = service(Duration.ZERO, route());
        keepsNone.embed(EmbeddingRequest.of("m", List.of("gone")));
        everyProviderFails(Kind.SERVER_ERROR);

        clock.advance(TTL.plusMinutes(1));
        assertThatThrownBy(() -> keepsNone.embed(EmbeddingRequest.of("m", List.of("gone"))))
                .isInstanceOf(ProviderFailureException.class);
        assertThat(keepsAnHour.embed(EmbeddingRequest.of("m", List.of("gone"))).staleIndexes()).containsExactly(0);
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> keepsAnHour.embed(EmbeddingRequest.of("m", List.of("gone"))))
                .isInstanceOf(ProviderFailureException.class);
    }

    @Test
    void aCallerWhoOptedOutOfTheCacheGetsNoStaleAnswer() {
        EmbeddingService service = service(Duration.ofHours(6), route());
        service.embed(EmbeddingRequest.of("m", List.of("opted out")));
        clock.advance(TTL.plusMinutes(1));
        everyProviderFails(Kind.SERVER_ERROR);

        assertThatThrownBy(() -> service.embed(EmbeddingRequest.of("m", List.of("opted out")), false))
                .isInstanceOf(ProviderFailureException.class);
    }

    @Test
    void aStaleEntryOfTheSameSpaceAnswersBeforeTheDegradedFallbackOfAnother() {
        var fallback = new ScriptedProvider("hash/3", OTHER_SPACE_SAME_DIMENSIONS, new ProviderLimits(100, 1000, 100_000));
        EmbeddingService service = service(Duration.ofHours(6),
                new ModelRoute("m", List.of(), onceEach(primary, secondary), onceEach(fallback)));
        service.embed(EmbeddingRequest.of("m", List.of("cached")));
        clock.advance(TTL.plusMinutes(1));
        everyProviderFails(Kind.SERVER_ERROR);

        Embeddings stale = service.embed(EmbeddingRequest.of("m", List.of("cached")));
        Embeddings degraded = service.embed(EmbeddingRequest.of("m", List.of("cached", "not cached")));

        assertThat(stale.staleIndexes()).containsExactly(0);
        assertThat(stale.degraded()).isFalse();
        assertThat(degraded.degraded()).as("stale covers only one of two inputs: the fallback serves them all").isTrue();
        assertThat(degraded.staleIndexes()).isEmpty();
        assertThat(degraded.space()).isEqualTo(OTHER_SPACE_SAME_DIMENSIONS);
        assertThat(fallback.calls()).isEqualTo(1);
    }

    @Test
    void anotherSpacesStaleEntryNeverAnswersEvenAtEqualDimensions() {
        var other = new ScriptedProvider("other", OTHER_SPACE_SAME_DIMENSIONS, new ProviderLimits(100, 1000, 100_000));
        EmbeddingService service = service(Duration.ofHours(6), route(),
                new ModelRoute("n", List.of(), onceEach(other)));
        service.embed(EmbeddingRequest.of("m", List.of("same text")));
        clock.advance(TTL.plusMinutes(1));
        other.always(Kind.SERVER_ERROR);

        assertThatThrownBy(() -> service.embed(EmbeddingRequest.of("n", List.of("same text"))))
                .isInstanceOf(ProviderFailureException.class);
    }
}
