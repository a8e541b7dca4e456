package dev.embedgate.testkit.vectors;

import java.util.ArrayList;
import java.util.List;

/** Embeds texts for a served model: real vectors from the local model pool, or synthetic ones. Thread-safe. */
public final class VectorSource implements AutoCloseable {

    private final LocalModelPool localModels;

    public VectorSource(LocalModelPool localModels) {
        this.localModels = localModels;
    }

    /**
     * One vector per text, unit length.
     *
     * @param truncate   cut over-long texts (for synthetic models, to their first words) instead of refusing them
     * @param keepEnd    when cutting a synthetic model's text, keep its end (Cohere's {@code truncate: START});
     *                   local models always keep the start
     * @param dimensions fewer dimensions than the model's own, or 0 for all of them: one of its output dimensions
     *                   (vectors of their own, seeded with the length too, so that they are not the full vectors
     *                   cut), else the full vectors cut and renormalised
     * @throws InputTooLongException if a text is too long and {@code truncate} is false
     */
    public List<float[]> embed(ServedModel model, List<String> texts, boolean truncate, boolean keepEnd, int dimensions) {
        if (texts.isEmpty()) {
            return List.of();
        }
        boolean shorter = dimensions > 0 && dimensions < model.dimensions();
        if (shorter && model.outputDimensions().contains(dimensions)) {
            return synthetic(model.id() + "@" + dimensions, dimensions, model, texts, truncate, keepEnd);
        }
        List<float[]> vectors = model.real()
                ? localModels.embed(model.localModel(), texts, truncate)
                : synthetic(model.id(), model.dimensions(), model, texts, truncate, keepEnd);
        if (!shorter) {
            return vectors;
        }
        return vectors.stream().map(vector -> VectorMath.shortened(vector, dimensions)).toList();
    }

    private static List<float[]> synthetic(String seed, int dimensions, ServedModel model, List<String> texts,
                                           boolean truncate, boolean keepEnd) {
        var vectors = new ArrayList<float[]>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            long tokens = SimpleTokenCounter.count(text);
            if (tokens > model.maxTokens()) {
                if (!truncate) {
                    throw new InputTooLongException(i, model.maxTokens(), "input[" + i + "] has " + tokens
                            + " tokens; " + model.id() + " reads at most " + model.maxTokens());
                }
                text = SimpleTokenCounter.truncate(text, model.maxTokens(), keepEnd);
            }
            vectors.add(SyntheticVectors.vector(seed, text, dimensions));
        }
        return vectors;
    }

    @Override
    public void close() {
        localModels.close();
    }
}
