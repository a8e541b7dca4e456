package dev.embedgate.testkit.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of a request field that holds a string or an array of strings.
 *
 * @param texts  the texts, in order
 * @param single the field was one string (some providers answer a single vector for it)
 */
public record TextInputs(List<String> texts, boolean single) {

    public TextInputs {
        texts = List.copyOf(texts);
    }

    /** The texts in {@code node}, or null if it is missing or not a string or an array of strings. */
    public static TextInputs of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return new TextInputs(List.of(node.textValue()), true);
        }
        if (!node.isArray()) {
            return null;
        }
        var texts = new ArrayList<String>(node.size());
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return null;
            }
            texts.add(element.textValue());
        }
        return new TextInputs(texts, false);
    }

    /** Whether {@code node} is an array of token ids or of arrays of them (OpenAI's pre-tokenized input). */
    public static boolean isTokenArray(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return false;
        }
        JsonNode first = node.get(0);
        return first.isIntegralNumber() || (first.isArray() && !first.isEmpty() && first.get(0).isIntegralNumber());
    }

    public int size() {
        return texts.size();
    }
}
