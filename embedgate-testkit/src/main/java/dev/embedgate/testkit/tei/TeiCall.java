package dev.embedgate.testkit.tei;

import dev.embedgate.testkit.wire.EmbedCall;
import java.util.List;

/**
 * A TEI {@code /embed} request.
 *
 * @param texts    {@code inputs}
 * @param truncate {@code truncate} (TEI's default: false)
 */
public record TeiCall(List<String> texts, boolean truncate) implements EmbedCall {

    public TeiCall {
        texts = List.copyOf(texts);
    }
}
