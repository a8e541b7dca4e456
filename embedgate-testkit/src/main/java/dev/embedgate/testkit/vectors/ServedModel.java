package dev.embedgate.testkit.vectors;

import java.util.List;
import java.util.Objects;

/**
 * A model a simulated route serves.
 *
 * @param id               the canonical name (synthetic vectors are seeded from it, so aliases agree)
 * @param dimensions       the model's own vector length
 * @param maxTokens        the longest input, in {@link SimpleTokenCounter} tokens for synthetic models (local models
 *                         count with their own tokenizer)
 * @param localModel       the {@link dev.embedgate.provider.local.BuiltInModels} name that serves real vectors, or
 *                         null for deterministic synthetic vectors
 * @param shortenable      whether a request may ask for any length below its own, answered with the full vector
 *                         cut and renormalised (OpenAI's text-embedding-3)
 * @param outputDimensions the only lengths a request may ask for, each answered with vectors of its own (Cohere's
 *                         embed-v4.0 {@code output_dimension}); empty when the model takes none
 */
public record ServedModel(String id, int dimensions, int maxTokens, String localModel, boolean shortenable,
                          List<Integer> outputDimensions) {

    public ServedModel {
        Objects.requireNonNull(id, "id");
        outputDimensions = List.copyOf(outputDimensions);
        if (dimensions <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("dimensions and maxTokens must be positive");
        }
    }

    public static ServedModel synthetic(String id, int dimensions, int maxTokens) {
        return new ServedModel(id, dimensions, maxTokens, null, false, List.of());
    }

    public static ServedModel local(String builtInName, int dimensions, int maxTokens) {
        return new ServedModel(builtInName, dimensions, maxTokens, builtInName, false, List.of());
    }

    public ServedModel asShortenable() {
        return new ServedModel(id, dimensions, maxTokens, localModel, true, List.of());
    }

    /** The model answering with these lengths only (its own among them), each with vectors of its own. */
    public ServedModel withOutputDimensions(List<Integer> sizes) {
        return new ServedModel(id, dimensions, maxTokens, localModel, false, sizes);
    }

    /** Whether the vectors come from the in-process ONNX model (same space as EmbedGate's local provider). */
    public boolean real() {
        return localModel != null;
    }
}
