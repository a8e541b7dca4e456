package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.provider.TokenIdDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's {@code input} field in its four forms: a string, an array of strings, an array of token ids (one input)
 * and an array of arrays of token ids (cl100k_base ids, as LangChain's {@code OpenAIEmbeddings} sends them). The
 * first item of an array sets its form; an item of another form is refused, naming it. Errors name the input
 * ({@code input[i]}) whose vector would come back at that index; within token ids, the id's position.
 */
final class InputField {

    private static final String FORMS = "'input' holds one form: a string, an array of strings, an array of token ids "
            + "or an array of arrays of token ids";

    /**
     * What the field holds.
     *
     * @param texts    the texts, or null when the input came as token ids
     * @param tokenIds each input's token ids, or null when it came as text
     */
    record Inputs(List<String> texts, List<int[]> tokenIds) {
    }

    private InputField() {
    }

    static Inputs read(JsonNode input) {
        if (input == null || input.isNull()) {
            throw new InvalidRequestException("'input' is required: a string, an array of strings, or token ids",
                    "input", "missing_field");
        }
        if (input.isTextual()) {
            return new Inputs(List.of(input.textValue()), null);
        }
        if (!input.isArray()) {
            throw new InvalidRequestException("'input' must be a string or an array of strings (or of token ids), not "
                    + JsonTypes.name(input), "input", "invalid_type");
        }
        if (input.isEmpty() || input.get(0).isTextual()) {
            return new Inputs(texts(input), null);
        }
        if (input.get(0).isNumber()) {
            return new Inputs(null, List.of(tokenIds(input, 0)));
        }
        if (input.get(0).isArray()) {
            return new Inputs(null, tokenIdArrays(input));
        }
        throw InvalidRequestException.forInput(0, "must be a string or token ids, not " + JsonTypes.name(input.get(0)),
                "invalid_type");
    }

    private static List<String> texts(JsonNode input) {
        var texts = new ArrayList<String>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isTextual()) {
                texts.add(item.textValue());
            } else if (item.isNumber() || item.isArray()) {
                throw mixed(i, item, "a string");
            } else {
                throw InvalidRequestException.forInput(i, "must be a string, not " + JsonTypes.name(item),
                        "invalid_type");
            }
        }
        return texts;
    }

    private static List<int[]> tokenIdArrays(JsonNode input) {
        var inputs = new ArrayList<int[]>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isArray()) {
                inputs.add(tokenIds(item, i));
            } else if (item.isTextual() || item.isNumber()) {
                throw mixed(i, item, "an array of token ids");
            } else {
                throw InvalidRequestException.forInput(i, "must be an array of token ids, not " + JsonTypes.name(item),
                        "invalid_type");
            }
        }
        return inputs;
    }

    /** The ids of input {@code index}; the range of each id is checked where it is decoded. */
    private static int[] tokenIds(JsonNode array, int index) {
        int[] ids = new int[array.size()];
        for (int position = 0; position < ids.length; position++) {
            JsonNode id = array.get(position);
            if (!id.isIntegralNumber() || !id.canConvertToInt()) {
                throw TokenIdDecoder.notAToken(index, position, id.toString());
            }
            ids[position] = id.intValue();
        }
        return ids;
    }

    private static InvalidRequestException mixed(int index, JsonNode item, String firstForm) {
        return InvalidRequestException.forInput(index, "is " + JsonTypes.name(item) + " but input[0] is " + firstForm
                + "; " + FORMS, "mixed_input_forms");
    }
}
