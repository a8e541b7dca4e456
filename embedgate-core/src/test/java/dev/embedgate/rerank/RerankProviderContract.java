package dev.embedgate.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.Secret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every remote rerank provider does, against a provider simulator that scores every pair with a rule a test
 * can compute ({@link #expectedScore}): scores come back in request order, one per document, whatever order the
 * wire puts them in; unicode and very long documents are scored; each failure the simulator is scripted to answer
 * has the right {@link Kind}; a malformed answer, a wrong count or a NaN score is {@code INVALID_RESPONSE}; and the
 * key never appears in a message. Each kind's test (in embedgate-testkit, beside the simulator) extends this.
 */
public abstract class RerankProviderContract {

    /** Recognisable, so that a leak anywhere is found by a plain search. */
    protected static final Secret KEY = Secret.of("sk-TESTKEY-rerank-do-not-leak-0123456789abcdef");

    private static final double TOLERANCE = 1e-6;

    /** The provider under test, reaching the simulator with {@link #KEY}. */
    protected abstract RerankProvider provider();

    /**
     * Makes the provider's route of the simulator answer its next calls as scripted, one step per call: the
     * simulator's steps ({@code status:503}, {@code status:429:2}, {@code malformed}, {@code nan},
     * {@code wrong_count}, {@code ok}).
     */
    protected abstract void script(String... steps);

    /** The score the simulator answers for this pair; raw scores (logits) when {@code raw}. */
    protected abstract double expectedScore(String query, String document, boolean raw);

    @Test
    void scoresComeBackInRequestOrderAsTheSimulatorScoresThem() {
        String query = "quick brown fox jumps";
        List<String> documents = List.of(
                "a lazy dog sleeps",
                "the quick brown fox jumps over the lazy dog",
                "a brown fox",
                "quick thinking");

        RerankResponse response = provider().rerank(new RerankRequest(query, documents));

        assertScores(response, query, documents, false);
        assertThat(response.scores().get(1)).isGreaterThan(response.scores().get(2))
                .isGreaterThan(response.scores().get(0));
        assertThat(response.inputTokens()).isPositive();
    }

    @Test
    void aRequestOfOneDocumentIsScored() {
        RerankResponse response = provider().rerank(new RerankRequest("capital of France",
                List.of("Paris is the capital of France")));

        assertScores(response, "capital of France", List.of("Paris is the capital of France"), false);
    }

    @Test
    void unicodeAndVeryLongDocumentsAreScored() {
        String query = "grüße aus münchen 東京";
        String longDocument = "lorem ipsum dolor sit amet ".repeat(4_000) + "münchen";
        List<String> documents = List.of("Viele Grüße aus München 🍺", "東京タワー と 東京 の 夜景", longDocument,
                "emoji only 🚀🚀🚀", "");

        RerankResponse response = provider().rerank(new RerankRequest(query, documents));

        assertScores(response, query, documents, false);
    }

    @Test
    void scoresAreTheModelsLogitsWhenAskedAndOfferedElseRelevanceWithinZeroAndOne() {
        List<String> documents = List.of("nothing relevant", "the red car", "a red bus");
        if (!provider().rawScores()) {
            // The pipeline never asks such a provider for logits: what it relies on is scores in [0, 1].
            assertThat(provider().rerank(new RerankRequest("red car", documents)).scores())
                    .allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
            return;
        }

        RerankResponse response = provider().rerank(new RerankRequest("red car", documents, true));

        assertScores(response, "red car", documents, true);
        assertThat(response.scores().getFirst()).isNegative();
    }

    @Test
    void describesItself() {
        RerankProvider provider = provider();

        assertThat(provider.name()).isNotBlank();
        assertThat(provider.maxDocumentsPerCall()).isPositive();
        assertThat(provider.ready()).isTrue();
        assertThat(provider.reachable()).isTrue();
    }

    @Test
    void rateLimitIsRateLimitedWithTheRetryAfter() {
        script("status:429:3");

        ProviderCallException failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure.httpStatus()).isEqualTo(429);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void serverErrorsAreRetryableServerErrors() {
        for (int status : new int[] {500, 502, 503}) {
            script("status:" + status);

            ProviderCallException failure = failure();

            assertThat(failure.kind()).as("HTTP %d", status).isEqualTo(Kind.SERVER_ERROR);
            assertThat(failure.kind().retryable()).isTrue();
            assertThat(failure.httpStatus()).isEqualTo(status);
        }
    }

    @Test
    void refusedCredentialsAreUnauthorized() {
        script("status:401");

        ProviderCallException failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(failure.kind().retryable()).isFalse();
    }

    @Test
    void aBadRequestIsRejected() {
        script("status:400");

        ProviderCallException failure = failure();

        assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
        assertThat(failure.httpStatus()).isEqualTo(400);
    }

    @Test
    void aCutOffAnswerIsAnInvalidResponse() {
        script("malformed");

        assertThat(failure().kind()).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void anAnswerMissingADocumentsScoreIsAnInvalidResponse() {
        script("wrong_count");

        assertThat(failure().kind()).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void aNanScoreIsAnInvalidResponse() {
        script("nan");

        assertThat(failure().kind()).isEqualTo(Kind.INVALID_RESPONSE);
    }

    @Test
    void afterAFailureTheNextCallSucceeds() {
        script("status:503", "ok");
        failure();

        RerankResponse response = provider().rerank(new RerankRequest("red car", List.of("a red car", "a tree")));

        assertScores(response, "red car", List.of("a red car", "a tree"), false);
    }

    /** The failure of a small call under the current script, its message checked for the key. */
    protected ProviderCallException failure() {
        RerankProvider provider = provider();
        ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                () -> provider.rerank(new RerankRequest("red car", List.of("a red car", "a blue bus", "a tree"))));
        assertThat(failure).as("the call should have failed").isNotNull();
        assertNoKeyIn(failure);
        return failure;
    }

    protected static void assertNoKeyIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY.reveal());
            assertThat(t.toString()).doesNotContain(KEY.reveal());
        }
    }

    private void assertScores(RerankResponse response, String query, List<String> documents, boolean raw) {
        assertThat(response.scores()).hasSize(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            assertThat(response.scores().get(i)).as("score of document %d", i)
                    .isCloseTo(expectedScore(query, documents.get(i), raw), within(TOLERANCE));
        }
    }
}
