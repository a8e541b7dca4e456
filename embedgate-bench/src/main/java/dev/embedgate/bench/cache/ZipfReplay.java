package dev.embedgate.bench.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A request stream with repeats as real traffic has them: each request is either the next unseen text or, with
 * probability {@code repeatShare}, a repeat of a text already seen, chosen by a Zipf law over the texts in the
 * order they first appeared (the first ones are the most popular). Deterministic for a seed.
 */
public final class ZipfReplay {

    private ZipfReplay() {
    }

    /**
     * @param texts the pool of distinct texts, used in order as new texts
     * @return {@code requests} texts; fewer new texts than the pool holds are used if the stream is short
     */
    public static List<String> stream(List<String> texts, int requests, double repeatShare, double exponent, long seed) {
        var random = new SplittableRandom(seed);
        var stream = new ArrayList<String>(requests);
        var weights = new ArrayList<Double>();
        double totalWeight = 0;
        int seen = 0;
        for (int i = 0; i < requests; i++) {
            boolean repeat = seen > 0 && (seen == texts.size() || random.nextDouble() < repeatShare);
            if (repeat) {
                stream.add(texts.get(pick(weights, totalWeight, random.nextDouble() * totalWeight)));
            } else {
                stream.add(texts.get(seen));
                seen++;
                double weight = 1 / Math.pow(seen, exponent);
                weights.add(weight);
                totalWeight += weight;
            }
        }
        return stream;
    }

    /** The rank whose cumulative weight first reaches {@code target}. */
    private static int pick(List<Double> weights, double total, double target) {
        double cumulative = 0;
        for (int rank = 0; rank < weights.size(); rank++) {
            cumulative += weights.get(rank);
            if (cumulative >= target) {
                return rank;
            }
        }
        return weights.size() - 1;
    }
}
