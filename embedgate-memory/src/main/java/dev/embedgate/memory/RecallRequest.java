package dev.embedgate.memory;

import java.time.Duration;
import java.util.Objects;

/**
 * A recall: the memories of one namespace that best answer a query.
 *
 * @param namespace whose memories; null for {@value MemoryService#DEFAULT_NAMESPACE}
 * @param query     the query text (embedded in each searched space as a query, and matched as words), or null
 *                  when a vector is given
 * @param vector    a query vector already made, or null; then {@code space} names its space
 * @param space     the space of {@code vector}; ignored without one
 * @param k         how many memories at most (1..{@link VectorQuery#MAX_K})
 * @param minScore  the lowest cosine similarity a vector match may have (-1 for no floor)
 * @param filter    on metadata
 * @param mode      vector, keyword or hybrid ({@link RecallMode#KEYWORD_IMPORTANCE} cannot be asked for)
 * @param allSpaces search every space holding vectors of the namespace (a migration's mixed period), fusing the
 *                  per-space rankings by rank; false: the namespace's active space only
 * @param weights   how rankings are fused
 * @param boosts    what importance and recency add to a score
 */
public record RecallRequest(String namespace, String query, float[] vector, String space, int k, double minScore,
                            MemoryFilter filter, RecallMode mode, boolean allSpaces, Weights weights, Boosts boosts) {

    public static final int DEFAULT_K = 10;

    public RecallRequest {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(boosts, "boosts");
    }

    /** The query's k nearest memories in the namespace's active space, scored by cosine similarity. */
    public static RecallRequest of(String namespace, String query, int k) {
        return new RecallRequest(namespace, query, null, null, k, -1, MemoryFilter.ALL, RecallMode.VECTOR, false,
                Weights.DEFAULT, Boosts.NONE);
    }

    /**
     * Reciprocal rank fusion: a memory scores the sum over rankings of {@code weight / (rankConstant + rank)}.
     *
     * @param vector       each vector ranking's weight (one per space searched)
     * @param keyword      the keyword ranking's weight
     * @param rankConstant dampens the lead of the first ranks (60 in the original paper)
     */
    public record Weights(double vector, double keyword, int rankConstant) {

        public static final Weights DEFAULT = new Weights(1, 1, 60);

        public Weights {
            if (!(vector >= 0 && keyword >= 0) || vector + keyword == 0 || rankConstant < 1) {
                throw new IllegalArgumentException("weights must be >= 0, not both 0, and the rank constant >= 1");
            }
        }
    }

    /**
     * Added to each score before the final ordering: {@code importance × importanceWeight + recencyWeight × 0.5^(age /
     * halfLife)}, age counted from the memory's last update.
     */
    public record Boosts(double importance, double recency, Duration halfLife) {

        public static final Boosts NONE = new Boosts(0, 0, Duration.ofDays(30));

        public Boosts {
            Objects.requireNonNull(halfLife, "halfLife");
            if (!(importance >= 0 && recency >= 0) || halfLife.isNegative() || halfLife.isZero()) {
                throw new IllegalArgumentException("boosts must be >= 0 and the half-life positive");
            }
        }

        boolean any() {
            return importance > 0 || recency > 0;
        }
    }
}
