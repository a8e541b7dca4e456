package dev.embedgate.testkit.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.vectors.InputTooLongException;
import dev.embedgate.testkit.vectors.ModelCatalog;
import dev.embedgate.testkit.vectors.ServedModel;
import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.Base64Floats;
import dev.embedgate.testkit.wire.Json;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Cohere's {@code POST /v2/embed}: Bearer auth, {@code model}, {@code texts} (at most 96), {@code input_type}
 * (required: search_document, search_query, classification or clustering), {@code embedding_types} (float and
 * base64; the quantized types are refused with a 400 by the simulator), {@code truncate} NONE | START | END,
 * {@code output_dimension} (embed-v4.0 only: 256, 512, 1024 or 1536; another size is refused in Cohere's words);
 * errors as {@code {"message": "..."}}. The input type does not change the vectors: the simulator serves texts as
 * they are sent (a real provider applies its own prompts; see docs/simulator.md).
 */
public final class CohereDialect implements ProviderDialect<CohereCall> {

    public static final int MAX_TEXTS = 96;
    private static final Set<String> INPUT_TYPES = Set.of("search_document", "search_query", "classification",
            "clustering");
    private static final Set<String> SUPPORTED_TYPES = Set.of("float", "base64");
    private static final Set<String> KNOWN_TYPES = Set.of("float", "base64", "int8", "uint8", "binary", "ubinary");

    @Override
    public Route route() {
        return Route.COHERE;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        String key = ApiKeys.bearer(ctx);
        if (key == null) {
            return message(401, "no api key supplied");
        }
        return keys.accepts(key) ? null : message(401, "invalid api token");
    }

    @Override
    public CohereCall parse(Context ctx, byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw invalid("invalid request: the body must be a JSON object");
        }
        JsonNode texts = json.get("texts");
        if (texts == null || !texts.isArray()) {
            throw invalid("invalid request: texts must be an array of strings");
        }
        var textList = new ArrayList<String>(texts.size());
        for (JsonNode text : texts) {
            if (!text.isTextual()) {
                throw invalid("invalid request: texts must be an array of strings");
            }
            textList.add(text.textValue());
        }
        var types = new ArrayList<String>();
        JsonNode typesNode = json.get("embedding_types");
        if (typesNode == null || typesNode.isNull()) {
            types.add("float");
        } else if (typesNode.isArray()) {
            typesNode.forEach(type -> types.add(type.asText()));
        } else {
            throw invalid("invalid request: embedding_types must be an array");
        }
        return new CohereCall(text(json.get("model")), textList, text(json.get("input_type")), types,
                json.hasNonNull("truncate") ? json.get("truncate").asText().toUpperCase(Locale.ROOT) : "END",
                outputDimension(json.get("output_dimension")));
    }

    private static int outputDimension(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid("invalid request: output_dimension must be an integer");
        }
        return node.intValue();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    @Override
    public ServedModel validate(CohereCall call) {
        if (call.model() == null || call.model().isBlank()) {
            throw invalid("invalid request: model must be specified");
        }
        ServedModel model = ModelCatalog.find(Route.COHERE, call.model()).orElseThrow(() -> new WireError(message(404,
                "model '" + call.model() + "' not found, make sure the correct model ID was used and that you have "
                        + "access to the model.")));
        if (call.inputType() == null || call.inputType().isBlank()) {
            throw invalid("invalid request: input_type is required; valid values are search_document, search_query, "
                    + "classification, clustering");
        }
        if (!INPUT_TYPES.contains(call.inputType())) {
            throw invalid("invalid request: input_type must be one of search_document, search_query, classification, "
                    + "clustering; got '" + call.inputType() + "'");
        }
        if (call.texts().isEmpty()) {
            throw invalid("invalid request: texts must contain at least 1 text");
        }
        if (call.texts().size() > MAX_TEXTS) {
            throw invalid("invalid request: texts can have at most " + MAX_TEXTS + " items, got " + call.texts().size());
        }
        for (String type : call.embeddingTypes()) {
            if (!KNOWN_TYPES.contains(type)) {
                throw invalid("invalid request: embedding_types can only contain float, int8, uint8, binary, ubinary, "
                        + "base64; got '" + type + "'");
            }
            if (!SUPPORTED_TYPES.contains(type)) {
                throw invalid("invalid request: the simulator serves embedding_types float and base64 only; got '"
                        + type + "'");
            }
        }
        if (call.outputDimension() != 0) {
            if (model.outputDimensions().isEmpty()) {
                throw invalid("invalid request: output_dimension is not supported for " + model.id()
                        + "; it is available for embed-v4.0 and newer models");
            }
            if (!model.outputDimensions().contains(call.outputDimension())) {
                throw invalid(call.outputDimension() + " is not a valid output_dimension value for this model, "
                        + model.outputDimensions().toString().replace(",", "") + " is supported");
            }
        }
        if (!Set.of("NONE", "START", "END").contains(call.truncateMode())) {
            throw invalid("invalid request: truncate must be one of NONE, START, END; got '" + call.truncateMode() + "'");
        }
        return model;
    }

    @Override
    public WireReply answer(CohereCall call, ServedModel model, List<float[]> vectors) {
        var embeddings = new LinkedHashMap<String, Object>();
        for (String type : call.embeddingTypes()) {
            embeddings.put(type, type.equals("base64") ? vectors.stream().map(Base64Floats::encode).toList() : vectors);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("id", UUID.randomUUID().toString());
        body.put("embeddings", embeddings);
        body.put("texts", call.texts());
        body.put("meta", Map.of("api_version", Map.of("version", "2"),
                "billed_units", Map.of("input_tokens", SimpleTokenCounter.count(call.texts()))));
        body.put("response_type", "embeddings_by_type");
        return WireReply.json(200, body);
    }

    @Override
    public WireReply failure(CohereCall call, int status) {
        return switch (status) {
            case 500 -> message(500, "internal server error, this has been reported to our developers");
            case 502 -> WireReply.badGatewayPage();
            case 503 -> message(503, "service unavailable, please try again later");
            default -> message(status, "The simulator was told to answer " + status + " to this request.");
        };
    }

    @Override
    public WireReply rateLimited(CohereCall call, RateLimitVerdict verdict) {
        return message(429, (verdict.limitKnown() ? "You are past the limit of " + verdict.limit() + " "
                + verdict.limitType() + " per minute on this API key." : "Too many requests.")
                + " Please wait and try again later.")
                .withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }

    @Override
    public WireReply inputTooLong(CohereCall call, ServedModel model, InputTooLongException e) {
        return message(400, "invalid request: text at index " + e.index() + " is too long; " + model.id()
                + " reads at most " + e.maxTokens() + " tokens. Use truncate START or END to cut it.");
    }

    private static WireError invalid(String message) {
        return new WireError(message(400, message));
    }

    private static WireReply message(int status, String message) {
        return WireReply.json(status, Map.of("message", message));
    }
}
