package dev.embedgate.testkit.huggingface;

import dev.embedgate.testkit.wire.EmbedCall;
import java.util.List;

/**
 * A feature-extraction request to the Hugging Face router.
 *
 * @param model         the model id from the URL
 * @param texts         {@code inputs}
 * @param single        {@code inputs} was one string: the answer is one flat vector
 * @param truncate      {@code truncate} (default true)
 * @param waitsForModel header {@code X-wait-for-model: true} or the older {@code options.wait_for_model}
 */
public record HuggingFaceCall(String model, List<String> texts, boolean single, boolean truncate,
                              boolean waitsForModel) implements EmbedCall {

    public HuggingFaceCall {
        texts = List.copyOf(texts);
    }
}
