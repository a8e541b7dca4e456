package dev.embedgate.testkit.ollama;

import dev.embedgate.testkit.wire.EmbedCall;
import java.util.List;

/**
 * A request to Ollama's {@code /api/embed} (or, with {@code legacy}, {@code /api/embeddings}).
 *
 * @param model         {@code model}, as sent (may be null: validation refuses it)
 * @param texts         {@code input} (or the legacy {@code prompt}; an empty prompt is no input)
 * @param truncate      {@code truncate} (default true)
 * @param startedNanos  when the call arrived, for {@code total_duration}
 */
public record OllamaCall(String model, List<String> texts, boolean truncate, long startedNanos) implements EmbedCall {

    public OllamaCall {
        texts = List.copyOf(texts);
    }
}
