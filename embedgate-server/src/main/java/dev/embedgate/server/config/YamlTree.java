package dev.embedgate.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document as a tree that remembers where each key and value was written, so that a problem found once the
 * tree has been reworked (a profile merged in, variables expanded, then bound to the config records) is still
 * reported at its line and column.
 */
final class YamlTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final Map<JsonPointer, JsonLocation> keys = new HashMap<>();
    private final Map<JsonPointer, JsonLocation> values = new HashMap<>();

    private YamlTree(JsonParser parser) throws IOException {
        this.root = node(parser, JsonPointer.empty());
    }

    /** Reads the value at the parser's current token, and everything in it. */
    static YamlTree read(JsonParser parser) throws IOException {
        return new YamlTree(parser);
    }

    JsonNode root() {
        return root;
    }

    /** Where the key at this path was written. */
    Optional<JsonLocation> keyAt(JsonPointer path) {
        return Optional.ofNullable(keys.get(path));
    }

    /** Where the value at this path was written. */
    Optional<JsonLocation> valueAt(JsonPointer path) {
        return Optional.ofNullable(values.get(path));
    }

    private JsonNode node(JsonParser parser, JsonPointer path) throws IOException {
        values.put(path, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonPointer child = path.appendProperty(name);
                    keys.put(child, parser.currentTokenLocation());
                    parser.nextToken();
                    object.set(name, node(parser, child));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser, path.appendIndex(array.size())));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.pojoNode(parser.getEmbeddedObject());
        };
    }
}
