package dev.embedgate.bench.memory;

import java.util.Locale;
import java.util.Random;

/**
 * Many realistic vectors made from a few thousand real ones. Uniform random vectors are a pathological worst case
 * for HNSW (no neighbourhoods, every point about equally far from every other), so the benchmark's vectors are
 * mixes of real sentence embeddings instead: each is {@code normalise(w·a + (1−w)·b + e)}, with {@code a} and
 * {@code b} two different corpus embeddings drawn at random, {@code w} uniform in [{@value #MIN_WEIGHT},
 * {@value #MAX_WEIGHT}] and {@code e} Gaussian noise of about {@value #NOISE_NORM} in length. Queries are mixed
 * the same way from held-out texts (every {@value #HOLD_OUT_EVERY}th of the corpus), which no stored vector is
 * made from. The same seed gives the same vectors.
 */
final class DerivedVectors {

    static final int HOLD_OUT_EVERY = 10;
    static final double MIN_WEIGHT = 0.6;
    static final double MAX_WEIGHT = 0.9;
    static final double NOISE_NORM = 0.1;
    static final long SEED = 11;

    private DerivedVectors() {
    }

    static VectorSet derive(float[][] corpus, int baseCount, int queryCount) {
        if (corpus.length < 2 * HOLD_OUT_EVERY) {
            throw new IllegalArgumentException("the corpus is too small to derive vectors from: " + corpus.length);
        }
        int heldOut = (corpus.length + HOLD_OUT_EVERY - 1) / HOLD_OUT_EVERY;
        float[][] querySources = new float[heldOut][];
        float[][] baseSources = new float[corpus.length - heldOut][];
        for (int i = 0, q = 0, b = 0; i < corpus.length; i++) {
            if (i % HOLD_OUT_EVERY == 0) {
                querySources[q++] = corpus[i];
            } else {
                baseSources[b++] = corpus[i];
            }
        }
        var random = new Random(SEED);
        return new VectorSet(mixes(baseSources, baseCount, random), mixes(querySources, queryCount, random));
    }

    /** A description of how the vectors were made, for the report. */
    static String recipe() {
        return String.format(Locale.ROOT, "each vector is normalise(w·a + (1−w)·b + e): a and b two different "
                + "corpus embeddings drawn at random, w uniform in [%.1f, %.1f], e Gaussian noise of length about %.1f "
                + "(σ = %.1f/√d per component); queries are made the same way from the held-out texts (every %dth of "
                + "the corpus), stored vectors from the others", MIN_WEIGHT, MAX_WEIGHT, NOISE_NORM, NOISE_NORM,
                HOLD_OUT_EVERY);
    }

    private static float[][] mixes(float[][] sources, int count, Random random) {
        int dimensions = sources[0].length;
        double sigma = NOISE_NORM / Math.sqrt(dimensions);
        float[][] mixes = new float[count][];
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(sources.length);
            int b = random.nextInt(sources.length - 1);
            if (b >= a) {
                b++;
            }
            double weight = MIN_WEIGHT + (MAX_WEIGHT - MIN_WEIGHT) * random.nextDouble();
            double[] mix = new double[dimensions];
            double norm = 0;
            for (int d = 0; d < dimensions; d++) {
                mix[d] = weight * sources[a][d] + (1 - weight) * sources[b][d] + sigma * random.nextGaussian();
                norm += mix[d] * mix[d];
            }
            norm = Math.sqrt(norm);
            float[] unit = new float[dimensions];
            for (int d = 0; d < dimensions; d++) {
                unit[d] = (float) (mix[d] / norm);
            }
            mixes[i] = unit;
        }
        return mixes;
    }
}
