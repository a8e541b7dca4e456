package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.embedgate.embedding.EmbeddingRequest;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.space.InputType;
import java.util.Locale;

/**
 * Turns an OpenAI-format embeddings body into an {@link EmbeddingsCall}, refusing anything malformed with an
 * {@link InvalidRequestException} that names the field and the fix. Unknown fields are ignored, as OpenAI does.
 */
final class EmbeddingsRequestParser {

    /** A body is one JSON value: anything after it (a second object, garbage) is refused, not ignored. */
    private final ObjectReader json;

    EmbeddingsRequestParser(ObjectMapper json) {
        this.json = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).with(new SharedIntNodes());
    }

    EmbeddingsCall parse(byte[] body) {
        JsonNode root = JsonBody.object(json, body, "'model' and 'input'");
        String model = requiredString(root, "model");
        InputField.Inputs inputs = InputField.read(root.get("input"));
        InputType inputType = inputType(root);
        Integer dimensions = dimensions(root);
        boolean truncate = flag(root, "truncate");
        var request = inputs.texts() != null
                ? new EmbeddingRequest(model, inputs.texts(), inputType, dimensions, truncate)
                : EmbeddingRequest.ofTokenIds(model, inputs.tokenIds(), inputType, dimensions, truncate);
        JsonFields.string(root, "user", "user");
        return new EmbeddingsCall(request, encodingFormat(root), flag(root, "cache"));
    }

    private static InputType inputType(JsonNode root) {
        String value = JsonFields.string(root, "input_type", "input_type");
        if (value == null) {
            return InputType.DOCUMENT;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "query" -> InputType.QUERY;
            case "document" -> InputType.DOCUMENT;
            default -> throw invalid("'input_type' must be 'query' or 'document', not '" + value + "'", "input_type",
                    "invalid_value");
        };
    }

    private static Integer dimensions(JsonNode root) {
        JsonNode node = root.get("dimensions");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.bigIntegerValue().signum() <= 0) {
            throw invalid("'dimensions' must be a positive integer", "dimensions", "invalid_type");
        }
        if (!node.canConvertToInt()) {
            throw invalid("'dimensions' is " + node.asText() + ", more than any model answers with; omit it for the "
                    + "model's own length", "dimensions", "unsupported_dimensions");
        }
        return node.intValue();
    }

    /** A boolean field that defaults to true. */
    private static boolean flag(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw invalid("'" + field + "' must be true or false", field, "invalid_type");
        }
        return node.booleanValue();
    }

    private static EncodingFormat encodingFormat(JsonNode root) {
        String value = JsonFields.string(root, "encoding_format", "encoding_format");
        if (value == null || value.equals("float")) {
            return EncodingFormat.FLOAT;
        }
        if (value.equals("base64")) {
            return EncodingFormat.BASE64;
        }
        throw invalid("'encoding_format' must be 'float' or 'base64', not '" + value + "'", "encoding_format",
                "invalid_value");
    }

    private static String requiredString(JsonNode root, String field) {
        String value = JsonFields.string(root, field, field);
        if (value == null || value.isBlank()) {
            throw invalid("'" + field + "' is required", field, "missing_field");
        }
        return value;
    }

    private static InvalidRequestException invalid(String message, String param, String code) {
        return new InvalidRequestException(message, param, code);
    }
}
