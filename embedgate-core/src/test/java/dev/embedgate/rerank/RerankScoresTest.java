package dev.embedgate.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RerankScoresTest {

    @Test
    void putsScoresGivenInAnyOrderBackInRequestOrder() {
        var scores = new RerankScores(3);
        scores.put(2, 0.9);
        scores.put(0, 0.1);
        scores.put(1, 0.5);

        assertThat(scores.inRequestOrder()).containsExactly(0.1, 0.5, 0.9);
    }

    @Test
    void refusesAnIndexOutOfRange() {
        var scores = new RerankScores(2);

        assertThatThrownBy(() -> scores.put(2, 0.5)).hasMessageContaining("scores document 2")
                .hasMessageContaining("sent 2 documents");
        assertThatThrownBy(() -> scores.put(-1, 0.5)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAnIndexScoredTwice() {
        var scores = new RerankScores(2);
        scores.put(1, 0.5);

        assertThatThrownBy(() -> scores.put(1, 0.7)).hasMessageContaining("twice");
    }

    @Test
    void refusesAMissingScore() {
        var scores = new RerankScores(3);
        scores.put(0, 0.5);
        scores.put(2, 0.5);

        assertThatThrownBy(scores::inRequestOrder).hasMessageContaining("scores 2 of the 3 documents");
    }

    @Test
    void refusesNonFiniteScores() {
        var scores = new RerankScores(2);

        assertThatThrownBy(() -> scores.put(0, Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> scores.put(1, Double.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
    }
}
