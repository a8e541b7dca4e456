package dev.embedgate.embedding;

import dev.embedgate.call.Priority;
import dev.embedgate.space.InputType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A request to embed texts into one embedding space, as memory saves, repairs and migrations make it. Over-long
 * texts are truncated to the space's limit and reported; vectors have the space's own dimensions.
 *
 * @param space     the space's id ({@link dev.embedgate.space.EmbeddingSpace#id()}), or a model name that resolves to it
 * @param inputs    the texts, in the order their vectors come back
 * @param inputType query or document
 * @param priority  online, or background work held to its share of every provider's limits
 */
public record SpaceEmbeddingRequest(String space, List<String> inputs, InputType inputType, Priority priority) {

    public SpaceEmbeddingRequest {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(inputs, "inputs");
        inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(priority, "priority");
    }

    /** Documents embedded as background work. */
    public static SpaceEmbeddingRequest background(String space, List<String> documents) {
        return new SpaceEmbeddingRequest(space, documents, InputType.DOCUMENT, Priority.BACKGROUND);
    }
}
