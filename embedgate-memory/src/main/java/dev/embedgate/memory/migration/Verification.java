package dev.embedgate.memory.migration;

import java.util.List;

/**
 * How far recall in the target space agrees with recall in the space it would replace.
 *
 * @param k            results compared per query
 * @param queries      queries run (sampled memories' contents, or the queries given)
 * @param meanOverlap  the mean share of the old space's top k that the new space's top k also holds (overlap@k)
 * @param minOverlap   the lowest of them
 * @param missing      memories in scope still without a target vector
 * @param failed       memories given up
 * @param samples      a few queries with both rankings side by side
 */
public record Verification(int k, int queries, double meanOverlap, double minOverlap, long missing, long failed,
                           List<Sample> samples) {

    public Verification {
        samples = List.copyOf(samples);
    }

    /** One query's results in both spaces. */
    public record Sample(String namespace, String query, String oldSpace, List<Hit> oldResults,
                         List<Hit> newResults, double overlap) {

        public Sample {
            oldResults = List.copyOf(oldResults);
            newResults = List.copyOf(newResults);
        }
    }

    /** A result: the memory's id, the start of its content and its cosine similarity to the query. */
    public record Hit(String id, String content, double similarity) {
    }
}
