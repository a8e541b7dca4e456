package dev.embedgate.testkit.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.TokenIdDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's pre-tokenized {@code input}: an array of cl100k_base token ids (one input) or an array of such arrays,
 * with the texts the ids decode to, which the simulator embeds (so that ids and their text give the same vector).
 *
 * @param ids   each input's token ids
 * @param texts the text each input decodes to
 */
public record TokenIdInputs(List<int[]> ids, List<String> texts) {

    public TokenIdInputs {
        ids = List.copyOf(ids);
        texts = List.copyOf(texts);
    }

    /**
     * The inputs in {@code node} (which {@link TextInputs#isTokenArray} accepted), or null if an input is empty or
     * holds anything but cl100k_base token ids, or the array mixes ids and arrays of them.
     */
    public static TokenIdInputs of(JsonNode node) {
        var inputs = new ArrayList<int[]>();
        if (node.get(0).isArray()) {
            for (JsonNode input : node) {
                inputs.add(input.isArray() ? ids(input) : null);
            }
        } else {
            inputs.add(ids(node));
        }
        if (inputs.stream().anyMatch(ids -> ids == null || ids.length == 0)) {
            return null;
        }
        return new TokenIdInputs(inputs, TokenIdDecoder.decodeAll(inputs));
    }

    private static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = array.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || !TokenIdDecoder.isToken(id.intValue())) {
                return null;
            }
            ids[i] = id.intValue();
        }
        return ids;
    }

    /** Tokens an input costs: its id count, exactly. */
    public long tokens(int input) {
        return ids.get(input).length;
    }

    /** Tokens of every input. */
    public long tokens() {
        return ids.stream().mapToLong(input -> input.length).sum();
    }
}
