package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads optional fields of a JSON request object, refusing a wrong type with a message naming the field. */
final class JsonFields {

    private JsonFields() {
    }

    /** The string at {@code field}, or null when absent or null. */
    static String string(JsonNode object, String field, String param) {
        JsonNode node = present(object, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(param, "a string", node);
        }
        return node.textValue();
    }

    static Double number(JsonNode object, String field, String param) {
        JsonNode node = present(object, field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw wrongType(param, "a finite number", node);
        }
        return node.doubleValue();
    }

    static Integer integer(JsonNode object, String field, String param) {
        JsonNode node = present(object, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw wrongType(param, "an integer", node);
        }
        if (!node.canConvertToInt()) {
            throw new InvalidRequestException("'" + param + "' is " + node.asText() + ", beyond the range this takes ("
                    + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")", param, "invalid_value");
        }
        return node.intValue();
    }

    static Boolean bool(JsonNode object, String field, String param) {
        JsonNode node = present(object, field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(param, "true or false", node);
        }
        return node.booleanValue();
    }

    /** The strings of the array at {@code field} (at most {@code max}), or an empty list when absent or null. */
    static List<String> strings(JsonNode object, String field, String param, int max) {
        JsonNode node = present(object, field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType(param, "an array of strings", node);
        }
        if (node.size() > max) {
            throw new InvalidRequestException("'" + param + "' holds " + node.size() + " items; at most " + max, param,
                    "too_many_items");
        }
        var strings = new ArrayList<String>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw wrongType(param + "[" + i + "]", "a string", item);
            }
            strings.add(item.textValue());
        }
        return strings;
    }

    /** Refuses fields the request does not know, so that a misspelt option is not silently ignored. */
    static void onlyKnown(JsonNode object, Set<String> known) {
        object.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw new InvalidRequestException("unknown field '" + field + "'; this request takes "
                        + String.join(", ", new TreeSet<>(known)), field, "unknown_field");
            }
        });
    }

    /** The object at {@code field}, or null when absent or null. */
    static JsonNode object(JsonNode object, String field, String param) {
        JsonNode node = present(object, field);
        if (node != null && !node.isObject()) {
            throw wrongType(param, "an object", node);
        }
        return node;
    }

    private static JsonNode present(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static InvalidRequestException wrongType(String param, String expected, JsonNode node) {
        return new InvalidRequestException("'" + param + "' must be " + expected + ", not " + JsonTypes.name(node),
                param, "invalid_type");
    }
}
