package dev.embedgate.testkit.cohere;

import dev.embedgate.testkit.wire.EmbedCall;
import java.util.List;

/**
 * A Cohere {@code POST /v2/embed} request.
 *
 * @param model          {@code model}, as sent (may be null: validation refuses it)
 * @param texts          {@code texts}
 * @param inputType      {@code input_type}, as sent (may be null: validation refuses it)
 * @param embeddingTypes {@code embedding_types} (default {@code ["float"]})
 * @param truncateMode   {@code truncate}: NONE, START or END (default END)
 * @param outputDimension {@code output_dimension}, or 0 when absent
 */
public record CohereCall(String model, List<String> texts, String inputType, List<String> embeddingTypes,
                         String truncateMode, int outputDimension) implements EmbedCall {

    public CohereCall {
        texts = List.copyOf(texts);
        embeddingTypes = List.copyOf(embeddingTypes);
    }

    @Override
    public boolean truncate() {
        return !"NONE".equals(truncateMode);
    }

    @Override
    public int dimensions() {
        return outputDimension;
    }

    @Override
    public boolean keepEnd() {
        return "START".equals(truncateMode);
    }
}
