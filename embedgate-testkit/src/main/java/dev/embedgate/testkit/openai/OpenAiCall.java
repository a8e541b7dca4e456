package dev.embedgate.testkit.openai;

import dev.embedgate.testkit.wire.EmbedCall;
import java.util.List;

/**
 * A {@code POST /v1/embeddings} request.
 *
 * @param model      the requested model name, as sent
 * @param texts      the inputs
 * @param base64     {@code encoding_format: base64}
 * @param dimensions the requested dimensions, or 0
 */
public record OpenAiCall(String model, List<String> texts, boolean base64, int dimensions) implements EmbedCall {

    public OpenAiCall {
        texts = List.copyOf(texts);
    }

    /** OpenAI refuses over-long inputs rather than cutting them (checked in validation). */
    @Override
    public boolean truncate() {
        return false;
    }
}
