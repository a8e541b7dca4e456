package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.embedgate.call.CallPaths;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.Priority;
import dev.embedgate.space.InputType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every provider of the embedding capability does, whatever reaches the model (a remote API, an in-process
 * ONNX model, a hash): one vector of its space's dimensions per text in input order, tokens counted, sane limits,
 * every failure a {@link ProviderCallException} naming it and saying what to do next, and it works behind its
 * call path. Every provider kind's test extends this suite ({@code RemoteProviderContract} adds the wire-level
 * checks); rerank and chat get suites of the same shape.
 */
public abstract class EmbeddingProviderContract {

    /** A provider ready to answer the next calls of {@code texts} texts (a remote one is told what to answer). */
    protected abstract EmbeddingProvider providerAnswering(int texts);

    /** The same kind of provider put in a state where calls fail (unreachable, closed, …); empty if it cannot fail. */
    protected abstract Optional<EmbeddingProvider> failingProvider();

    private static ProviderRequest documents(int count) {
        return new ProviderRequest(java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "text number " + i + " about package pinning").toList(), InputType.DOCUMENT, true);
    }

    @Test
    void answersOneFiniteVectorOfItsSpacesDimensionsPerTextInInputOrder() {
        EmbeddingProvider provider = providerAnswering(3);

        ProviderResponse response = provider.embed(documents(3));

        assertThat(response.vectors()).hasSize(3);
        for (float[] vector : response.vectors()) {
            assertThat(vector).hasSize(provider.space().dimensions());
            for (float value : vector) {
                assertThat(Float.isFinite(value)).isTrue();
            }
        }
        assertThat(response.vectors().get(0)).isNotEqualTo(response.vectors().get(1));
    }

    @Test
    void embedsInputsThatCameAsTokenIdsAsTheTextsTheyDecodeTo() {
        // cl100k_base: "hello" is [15339], "goodbye" is [19045, 29474]
        var texts = new ProviderRequest(java.util.List.of("hello", "goodbye"), InputType.DOCUMENT, true);
        var ids = new ProviderRequest(texts.texts(), InputType.DOCUMENT, true, Priority.ONLINE,
                java.util.List.of(new int[] {15339}, new int[] {19045, 29474}));

        ProviderResponse fromText = providerAnswering(2).embed(texts);
        ProviderResponse fromIds = providerAnswering(2).embed(ids);

        for (int i = 0; i < 2; i++) {
            assertThat(fromIds.vectors().get(i)).containsExactly(fromText.vectors().get(i));
        }
    }

    @Test
    void reportsTheTokensItProcessed() {
        EmbeddingProvider provider = providerAnswering(2);

        assertThat(provider.embed(documents(2)).promptTokens()).isPositive();
    }

    @Test
    void declaresWhatOneCallMayCarryAndCountsTokensForPlanning() {
        EmbeddingProvider provider = providerAnswering(1);

        assertThat(provider.name()).isNotBlank();
        assertThat(provider.limits().maxInputsPerRequest()).isPositive();
        assertThat(provider.limits().maxTokensPerInput()).isPositive();
        assertThat(provider.countTokens("a short text to count")).isPositive();
        assertThat(provider.countTokens("a much longer text, " .repeat(20)))
                .isGreaterThan(provider.countTokens("a short text"));
    }

    @Test
    void failsWithAKindThatNamesItAndLetsTheRouteFailOver() {
        Optional<EmbeddingProvider> failing = failingProvider();
        if (failing.isEmpty()) {
            return; // a provider that cannot fail (the hash fallback) has nothing to report
        }
        EmbeddingProvider provider = failing.get();

        Throwable failure = catchThrowable(() -> provider.embed(documents(1)));

        assertThat(failure).isInstanceOf(ProviderCallException.class);
        ProviderCallException call = (ProviderCallException) failure;
        assertThat(call.provider()).isEqualTo(provider.name());
        assertThat(call.kind()).as("a failing provider never blames the caller's valid request")
                .isNotIn(ProviderCallException.Kind.REJECTED, ProviderCallException.Kind.STREAM_BROKEN);
    }

    @Test
    void servesThroughItsCallPath() {
        EmbeddingProvider provider = providerAnswering(2);
        Guarded<EmbeddingProvider> guarded = CallPaths.standalone().guard(provider);

        ProviderResponse response = guarded.path().call(Priority.BACKGROUND, 0,
                feedback -> guarded.provider().embed(documents(2)));

        assertThat(response.vectors()).hasSize(2);
        assertThat(guarded.path().lastFailure()).isNull();
        assertThat(guarded.ready()).as("ready after serving, circuit closed").isTrue();
    }
}
