package dev.embedgate.embedding;

import dev.embedgate.space.InputType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A request to embed texts. The {@link EmbeddingService} checks it against its limits.
 *
 * @param model      a configured model name or alias
 * @param inputs     the texts, in the order their vectors come back
 * @param inputType  query or document (models with query instructions embed them differently)
 * @param dimensions the requested vector length, or null for the model's own
 * @param truncate   true to cut over-long texts to the model's limit (and report it); false to reject them
 */
public record EmbeddingRequest(String model, List<String> inputs, InputType inputType, Integer dimensions, boolean truncate) {

    public EmbeddingRequest {
        Objects.requireNonNull(inputs, "inputs");
        // Not List.copyOf: it throws on null elements, and the validator must be able to name the null input.
        inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
        Objects.requireNonNull(inputType, "inputType");
    }

    /** Documents, full dimensions, truncating over-long texts. */
    public static EmbeddingRequest of(String model, List<String> inputs) {
        return new EmbeddingRequest(model, inputs, InputType.DOCUMENT, null, true);
    }

    /** A single query, full dimensions, truncating. */
    public static EmbeddingRequest query(String model, String query) {
        return new EmbeddingRequest(model, List.of(query), InputType.QUERY, null, true);
    }
}
