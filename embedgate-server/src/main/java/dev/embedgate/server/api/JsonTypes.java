package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The words error messages use for what a JSON value is ("an array", "a number"). */
final class JsonTypes {

    private JsonTypes() {
    }

    static String name(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
