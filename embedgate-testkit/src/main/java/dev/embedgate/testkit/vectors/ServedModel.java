package dev.embedgate.testkit.vectors;

import java.util.Objects;

/**
 * A model a simulated route serves.
 *
 * @param id          the canonical name (synthetic vectors are seeded from it, so aliases agree)
 * @param dimensions  the model's own vector length
 * @param maxTokens   the longest input, in {@link SimpleTokenCounter} tokens for synthetic models (local models
 *                    count with their own tokenizer)
 * @param localModel  the {@link dev.embedgate.provider.local.BuiltInModels} name that serves real vectors, or
 *                    null for deterministic synthetic vectors
 * @param shortenable whether a request may ask for fewer dimensions (Matryoshka models: text-embedding-3-*)
 */
public record ServedModel(String id, int dimensions, int maxTokens, String localModel, boolean shortenable) {

    public ServedModel {
        Objects.requireNonNull(id, "id");
        if (dimensions <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("dimensions and maxTokens must be positive");
        }
    }

    public static ServedModel synthetic(String id, int dimensions, int maxTokens) {
        return new ServedModel(id, dimensions, maxTokens, null, false);
    }

    public static ServedModel local(String builtInName, int dimensions, int maxTokens) {
        return new ServedModel(builtInName, dimensions, maxTokens, builtInName, false);
    }

    public ServedModel asShortenable() {
        return new ServedModel(id, dimensions, maxTokens, localModel, true);
    }

    /** Whether the vectors come from the in-process ONNX model (same space as EmbedGate's local provider). */
    public boolean real() {
        return localModel != null;
    }
}
