package dev.embedgate.rerank;

import java.util.Arrays;

/**
 * Scores a rerank API gives as (index, score) pairs in any order, collected back into the request's document order:
 * each index must come exactly once, within range, with a finite score, and every document must get one. A wire
 * reader adds the pairs as it parses and asks for {@link #inRequestOrder()} at the end; any breach is an
 * {@link IllegalStateException} whose message says what was wrong (the HTTP layer makes it {@code INVALID_RESPONSE}).
 * Not thread-safe: one per answer.
 */
public final class RerankScores {

    private final double[] scores;
    private final boolean[] seen;
    private int count;

    /** @param documents how many documents the request sent */
    public RerankScores(int documents) {
        scores = new double[documents];
        seen = new boolean[documents];
    }

    /** Records the score of the document at {@code index} (its position in the request). */
    public void put(long index, double score) {
        if (index < 0 || index >= scores.length) {
            throw new IllegalStateException("the answer scores document " + index + ", but the request sent "
                    + scores.length + (scores.length == 1 ? " document" : " documents"));
        }
        int at = (int) index;
        if (seen[at]) {
            throw new IllegalStateException("the answer scores document " + index + " twice");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalStateException("the answer's score of document " + index + " is " + score);
        }
        seen[at] = true;
        scores[at] = score;
        count++;
    }

    /** The scores, one per document in request order. */
    public double[] inRequestOrder() {
        if (count != scores.length) {
            throw new IllegalStateException("the answer scores " + count + " of the " + scores.length
                    + " documents sent");
        }
        return Arrays.copyOf(scores, scores.length);
    }
}
