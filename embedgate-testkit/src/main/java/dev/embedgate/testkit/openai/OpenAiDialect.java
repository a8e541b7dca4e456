package dev.embedgate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitSnapshot;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.vectors.InputTooLongException;
import dev.embedgate.testkit.vectors.ModelCatalog;
import dev.embedgate.testkit.vectors.ServedModel;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.Json;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.TextInputs;
import dev.embedgate.testkit.wire.TokenIdInputs;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import java.util.List;

/**
 * OpenAI's {@code POST /v1/embeddings}: Bearer auth, {@code model}, {@code input} (a string, an array of strings, or
 * cl100k_base token ids: an array of them or an array of such arrays), {@code encoding_format} float | base64,
 * {@code dimensions} (text-embedding-3-* only), {@code user}; its limits (2048 inputs, 8192 tokens per input, 300,000
 * tokens per request, no empty strings or arrays); its error shape; and its rate-limit headers on every answer. Token
 * ids are embedded as the text they decode to, so that ids and their text give the same vector, and cost exactly
 * their count.
 */
public final class OpenAiDialect implements ProviderDialect<OpenAiCall> {

    public static final int MAX_INPUTS = 2048;
    public static final int MAX_TOKENS_PER_INPUT = 8192;
    public static final int MAX_TOKENS_PER_REQUEST = 300_000;

    private static final String INVALID_INPUT = "'$.input' is invalid. Please check the API reference: "
            + "https://platform.openai.com/docs/api-reference.";

    @Override
    public Route route() {
        return Route.OPENAI;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        String key = ApiKeys.bearer(ctx);
        if (key == null) {
            return OpenAiErrors.reply(401, "You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    OpenAiErrors.INVALID_REQUEST, null, null);
        }
        if (!keys.accepts(key)) {
            return OpenAiErrors.reply(401, "Incorrect API key provided: " + ApiKeys.mask(key) + ". You can find your "
                    + "API key at https://platform.openai.com/account/api-keys.", OpenAiErrors.INVALID_REQUEST, null,
                    "invalid_api_key");
        }
        return null;
    }

    @Override
    public OpenAiCall parse(Context ctx, byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw OpenAiErrors.invalid("We could not parse the JSON body of your request. The OpenAI API expects a "
                    + "JSON payload, but what was sent was not valid JSON.", null, null);
        }
        JsonNode model = json.get("model");
        if (model == null || !model.isTextual() || model.textValue().isBlank()) {
            throw OpenAiErrors.invalid("you must provide a model parameter", null, null);
        }
        JsonNode input = json.get("input");
        if (TextInputs.isTokenArray(input)) {
            TokenIdInputs ids = TokenIdInputs.of(input);
            if (ids == null) {
                throw OpenAiErrors.invalid(INVALID_INPUT, "input", null);
            }
            return new OpenAiCall(model.textValue(), ids.texts(), base64(json.get("encoding_format")),
                    dimensions(json.get("dimensions")), ids);
        }
        TextInputs inputs = TextInputs.of(input);
        if (inputs == null) {
            throw OpenAiErrors.invalid(INVALID_INPUT, "input", null);
        }
        return new OpenAiCall(model.textValue(), inputs.texts(), base64(json.get("encoding_format")),
                dimensions(json.get("dimensions")), null);
    }

    static boolean base64(JsonNode format) {
        if (format == null || format.isNull()) {
            return false;
        }
        if (format.isTextual() && (format.textValue().equals("float") || format.textValue().equals("base64"))) {
            return format.textValue().equals("base64");
        }
        throw OpenAiErrors.invalid(format + " is not one of ['float', 'base64'] - 'encoding_format'",
                "encoding_format", null);
    }

    private static int dimensions(JsonNode dimensions) {
        if (dimensions == null || dimensions.isNull()) {
            return 0;
        }
        if (!dimensions.isIntegralNumber() || dimensions.asLong() < 1 || dimensions.asLong() > Integer.MAX_VALUE) {
            throw OpenAiErrors.invalid("Invalid 'dimensions': expected an integer of at least 1, got " + dimensions
                    + ".", "dimensions", "integer_below_min_value");
        }
        return dimensions.intValue();
    }

    @Override
    public ServedModel validate(OpenAiCall call) {
        ServedModel model = ModelCatalog.find(Route.OPENAI, call.model()).orElseThrow(() -> new WireError(
                OpenAiErrors.reply(404, "The model `" + call.model() + "` does not exist or you do not have access "
                        + "to it.", OpenAiErrors.INVALID_REQUEST, null, "model_not_found")));
        List<String> texts = call.texts();
        if (texts.isEmpty()) {
            throw OpenAiErrors.invalid(INVALID_INPUT, "input", null);
        }
        if (texts.size() > MAX_INPUTS) {
            throw OpenAiErrors.invalid("Invalid 'input': array too long. Expected an array with maximum length "
                    + MAX_INPUTS + ", but got an array with length " + texts.size() + " instead.", "input",
                    "array_above_max_length");
        }
        if (call.dimensions() > 0 && !model.shortenable()) {
            throw OpenAiErrors.invalid("This model does not support specifying dimensions.", "dimensions", null);
        }
        if (call.dimensions() > model.dimensions()) {
            throw OpenAiErrors.invalid("Invalid 'dimensions': " + model.id() + " has at most " + model.dimensions()
                    + " dimensions, got " + call.dimensions() + ".", "dimensions", "integer_above_max_value");
        }
        long total = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isEmpty()) {
                throw OpenAiErrors.invalid(INVALID_INPUT, "input", null);
            }
            long tokens = call.tokens(i);
            if (tokens > MAX_TOKENS_PER_INPUT) {
                throw OpenAiErrors.invalid(contextLengthMessage(tokens), "input", null);
            }
            total += tokens;
        }
        if (total > MAX_TOKENS_PER_REQUEST) {
            throw OpenAiErrors.invalid("Requested " + total + " tokens, max " + MAX_TOKENS_PER_REQUEST
                    + " tokens per request", null, "max_tokens_per_request");
        }
        return model;
    }

    private static String contextLengthMessage(long tokens) {
        return "This model's maximum context length is " + MAX_TOKENS_PER_INPUT + " tokens, however you requested "
                + tokens + " tokens (" + tokens + " in your prompt; 0 for the completion). Please reduce your prompt; "
                + "or completion length.";
    }

    @Override
    public WireReply answer(OpenAiCall call, ServedModel model, List<float[]> vectors) {
        return OpenAiEmbeddingList.reply(call.model(), vectors, call.base64(), call.tokens());
    }

    @Override
    public WireReply failure(OpenAiCall call, int status) {
        return OpenAiErrors.failure(status);
    }

    @Override
    public WireReply rateLimited(OpenAiCall call, RateLimitVerdict verdict) {
        String model = call == null ? "this model" : call.model();
        String unit = verdict.limitType().equals("tokens") ? "tokens per min (TPM)" : "requests per min (RPM)";
        String message = verdict.tooLarge()
                ? "Request too large for " + model + " in organization org-simulator on " + unit + ": Limit "
                        + verdict.limit() + ", Requested " + verdict.requested() + ". The input or output tokens must "
                        + "be reduced in order to run successfully."
                : "Rate limit reached for " + model + " in organization org-simulator on " + unit
                        + (verdict.limitKnown() ? ": Limit " + verdict.limit() + ", Used "
                                + (verdict.limit() - verdict.remaining()) + ", Requested " + verdict.requested() : "")
                        + ". Please try again in "
                        + RateLimitHeaders.duration(verdict.retryAfterMillis()) + ". Visit "
                        + "https://platform.openai.com/account/rate-limits to learn more.";
        return OpenAiErrors.reply(429, message, verdict.limitType(), null, "rate_limit_exceeded")
                .withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()))
                .withHeader("retry-after-ms", Long.toString(Math.max(1, verdict.retryAfterMillis())));
    }

    @Override
    public WireReply inputTooLong(OpenAiCall call, ServedModel model, InputTooLongException e) {
        return OpenAiErrors.reply(400, e.getMessage(), OpenAiErrors.INVALID_REQUEST, "input", null);
    }

    @Override
    public WireReply decorate(WireReply reply, RateLimitSnapshot limits) {
        return RateLimitHeaders.add(reply, limits);
    }
}
