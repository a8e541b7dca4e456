package dev.embedgate.bench.bulk;

import java.util.List;

/**
 * How closely EmbedGate's vectors match LangChain4j's for the texts that fit in LangChain4j's 128 tokens (only
 * there do both compute the same thing).
 *
 * @param compared  texts compared
 * @param minCosine the lowest cosine similarity among them
 * @param worstId   the corpus id of the text with that cosine
 */
public record VectorAgreement(MiniLmVariant variant, int compared, double minCosine, String worstId) {

    public static VectorAgreement none(MiniLmVariant variant) {
        return new VectorAgreement(variant, 0, Double.NaN, "");
    }

    /** This agreement extended with the texts of one more run (those EmbedGate did not truncate). */
    public VectorAgreement plus(List<String> ids, float[][] embedGate, float[][] langChain4j, boolean[] truncated) {
        int count = compared;
        double min = minCosine;
        String worst = worstId;
        for (int i = 0; i < ids.size(); i++) {
            if (truncated[i]) {
                continue;
            }
            double cosine = cosine(embedGate[i], langChain4j[i]);
            if (count == 0 || cosine < min) {
                min = cosine;
                worst = ids.get(i);
            }
            count++;
        }
        return new VectorAgreement(variant, count, min, worst);
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }
}
