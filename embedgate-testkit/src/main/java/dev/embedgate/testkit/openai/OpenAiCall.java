package dev.embedgate.testkit.openai;

import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import dev.embedgate.testkit.wire.EmbedCall;
import dev.embedgate.testkit.wire.TokenIdInputs;
import java.util.List;

/**
 * A {@code POST /v1/embeddings} request.
 *
 * @param model      the requested model name, as sent
 * @param texts      the inputs (for token ids, the texts they decode to)
 * @param base64     {@code encoding_format: base64}
 * @param dimensions the requested dimensions, or 0
 * @param tokenIds   the inputs as sent when they came as cl100k_base token ids, else null
 */
public record OpenAiCall(String model, List<String> texts, boolean base64, int dimensions, TokenIdInputs tokenIds)
        implements EmbedCall {

    public OpenAiCall {
        texts = List.copyOf(texts);
    }

    /** OpenAI refuses over-long inputs rather than cutting them (checked in validation). */
    @Override
    public boolean truncate() {
        return false;
    }

    @Override
    public boolean sentAsTokenIds() {
        return tokenIds != null;
    }

    /** Tokens input {@code i} costs: its id count when it came as ids, else the simulator's count of its text. */
    public long tokens(int i) {
        return tokenIds != null ? tokenIds.tokens(i) : SimpleTokenCounter.count(texts.get(i));
    }

    /** Tokens of every input, as the answer's usage reports them. */
    @Override
    public long tokens() {
        return tokenIds != null ? tokenIds.tokens() : SimpleTokenCounter.count(texts);
    }
}
