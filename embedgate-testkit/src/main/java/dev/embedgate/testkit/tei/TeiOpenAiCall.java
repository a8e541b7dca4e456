package dev.embedgate.testkit.tei;

import dev.embedgate.testkit.wire.EmbedCall;
import java.util.List;

/**
 * A request to TEI's OpenAI-compatible {@code /v1/embeddings}.
 *
 * @param model  the {@code model} sent (TEI ignores it and answers with its own)
 * @param texts  {@code input}
 * @param base64 {@code encoding_format: base64}
 */
public record TeiOpenAiCall(String model, List<String> texts, boolean base64) implements EmbedCall {

    public TeiOpenAiCall {
        texts = List.copyOf(texts);
    }

    /** TEI cuts inputs only when started with auto-truncate, which the simulated server is not. */
    @Override
    public boolean truncate() {
        return false;
    }
}
