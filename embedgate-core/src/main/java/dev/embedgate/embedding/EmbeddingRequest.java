package dev.embedgate.embedding;

import dev.embedgate.provider.TokenIdDecoder;
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
 * @param tokenIds   empty for texts; for inputs sent as cl100k_base token ids, the ids of each input, whose decoded
 *                   texts are {@code inputs} (see {@link #ofTokenIds})
 */
public record EmbeddingRequest(String model, List<String> inputs, InputType inputType, Integer dimensions,
                               boolean truncate, List<int[]> tokenIds) {

    public EmbeddingRequest {
        Objects.requireNonNull(inputs, "inputs");
        // Not List.copyOf: it throws on null elements, and the validator must be able to name the null input.
        inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
        Objects.requireNonNull(inputType, "inputType");
        tokenIds = tokenIds == null ? List.of() : List.copyOf(tokenIds);
        if (!tokenIds.isEmpty() && tokenIds.size() != inputs.size()) {
            throw new IllegalArgumentException("token ids for " + tokenIds.size() + " inputs but " + inputs.size()
                    + " texts");
        }
    }

    /** Texts. */
    public EmbeddingRequest(String model, List<String> inputs, InputType inputType, Integer dimensions,
                            boolean truncate) {
        this(model, inputs, inputType, dimensions, truncate, List.of());
    }

    /** Documents, full dimensions, truncating over-long texts. */
    public static EmbeddingRequest of(String model, List<String> inputs) {
        return new EmbeddingRequest(model, inputs, InputType.DOCUMENT, null, true);
    }

    /** A single query, full dimensions, truncating. */
    public static EmbeddingRequest query(String model, String query) {
        return new EmbeddingRequest(model, List.of(query), InputType.QUERY, null, true);
    }

    /**
     * Inputs sent as token ids of cl100k_base, OpenAI's tokenizer (OpenAI's pre-tokenized form). Every model embeds
     * the text the ids decode to; OpenAI's models get the ids themselves, and bill exactly their count.
     *
     * @throws dev.embedgate.error.InvalidRequestException naming an input that holds an id that is no token
     */
    public static EmbeddingRequest ofTokenIds(String model, List<int[]> tokenIds, InputType inputType,
                                              Integer dimensions, boolean truncate) {
        return new EmbeddingRequest(model, TokenIdDecoder.decodeAll(tokenIds), inputType, dimensions, truncate,
                tokenIds);
    }

    /** Whether the inputs came as token ids. */
    public boolean isTokenInput() {
        return !tokenIds.isEmpty();
    }
}
