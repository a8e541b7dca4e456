package dev.embedgate.testkit.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.vectors.InputTooLongException;
import dev.embedgate.testkit.vectors.ModelCatalog;
import dev.embedgate.testkit.vectors.ServedModel;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.Json;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.TextInputs;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hugging Face router's feature extraction ({@code /hf-inference/models/{model}/pipeline/feature-extraction}
 * and the older {@code /pipeline/feature-extraction/{model}}), and the legacy Inference API's {@code /models/{model}},
 * which takes and answers the same: Bearer auth, {@code inputs} string or array,
 * {@code normalize}, {@code truncate} (default true here), {@code prompt_name}; answers a flat vector for a string
 * and an array of vectors for an array; errors as {@code {"error": "..."}}; and the cold start, 503
 * {@code {"error": "Model <model> is currently loading", "estimated_time": <seconds>}} unless the caller waits.
 * Vectors are always unit length (the local model normalises), whatever {@code normalize} says.
 */
public final class HuggingFaceDialect implements ProviderDialect<HuggingFaceCall> {

    @Override
    public Route route() {
        return Route.HUGGINGFACE;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        return keys.accepts(ApiKeys.bearer(ctx)) ? null : error(401, "Invalid credentials in Authorization header");
    }

    @Override
    public HuggingFaceCall parse(Context ctx, byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw new WireError(error(400, "Failed to deserialize the JSON body: the body is not a JSON object"));
        }
        TextInputs inputs = TextInputs.of(json.get("inputs"));
        if (inputs == null) {
            throw new WireError(error(400, "Input should be a valid string or a list of strings: `inputs`"));
        }
        JsonNode truncate = json.get("truncate");
        boolean waits = "true".equalsIgnoreCase(ctx.header("X-wait-for-model"))
                || json.path("options").path("wait_for_model").asBoolean(false);
        return new HuggingFaceCall(ctx.pathParam("model"), inputs.texts(), inputs.single(),
                truncate == null || truncate.isNull() || truncate.asBoolean(true), waits);
    }

    @Override
    public ServedModel validate(HuggingFaceCall call) {
        ServedModel model = ModelCatalog.find(Route.HUGGINGFACE, call.model()).orElseThrow(
                () -> new WireError(error(404, "Model " + call.model() + " does not exist")));
        if (call.texts().isEmpty()) {
            throw new WireError(error(400, "Input validation error: `inputs` cannot be empty"));
        }
        return model;
    }

    @Override
    public WireReply answer(HuggingFaceCall call, ServedModel model, List<float[]> vectors) {
        if (call.single()) {
            return WireReply.json(200, vectors.isEmpty() ? List.of() : vectors.getFirst());
        }
        return WireReply.json(200, vectors);
    }

    @Override
    public WireReply failure(HuggingFaceCall call, int status) {
        return switch (status) {
            case 500 -> error(500, "Internal Server Error");
            case 502 -> WireReply.badGatewayPage();
            case 503 -> error(503, "Service Unavailable");
            case 504 -> error(504, "Gateway Timeout");
            default -> error(status, "The simulator was told to answer " + status + " to this request.");
        };
    }

    @Override
    public WireReply rateLimited(HuggingFaceCall call, RateLimitVerdict verdict) {
        return error(429, "Rate limit reached." + (verdict.limitKnown() ? " You reached the limit of "
                + verdict.limit() + " " + verdict.limitType() + " per minute." : "") + " Retry in "
                + verdict.retryAfterSeconds() + " seconds.")
                .withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }

    @Override
    public WireReply inputTooLong(HuggingFaceCall call, ServedModel model, InputTooLongException e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", "Input validation error: `inputs` must have less than " + e.maxTokens() + " tokens");
        body.put("error_type", "Validation");
        return WireReply.json(413, body);
    }

    @Override
    public WireReply loading(HuggingFaceCall call, ServedModel model, double remainingSeconds) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", "Model " + call.model() + " is currently loading");
        body.put("estimated_time", Math.round(remainingSeconds * 1000) / 1000.0);
        return WireReply.json(503, body);
    }

    private static WireReply error(int status, String message) {
        return WireReply.json(status, Map.of("error", message));
    }
}
