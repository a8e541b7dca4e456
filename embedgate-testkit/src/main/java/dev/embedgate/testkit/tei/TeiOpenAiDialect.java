package dev.embedgate.testkit.tei;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.openai.OpenAiEmbeddingList;
import dev.embedgate.testkit.vectors.InputTooLongException;
import dev.embedgate.testkit.vectors.ModelCatalog;
import dev.embedgate.testkit.vectors.ServedModel;
import dev.embedgate.testkit.vectors.SimpleTokenCounter;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.Json;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.TextInputs;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * TEI's OpenAI-compatible {@code POST /v1/embeddings}: OpenAI's request and answer, TEI's limits (32 inputs, no
 * truncation) and TEI's compatible error shape {@code {"message", "code", "type"}}. No auth.
 */
public final class TeiOpenAiDialect implements ProviderDialect<TeiOpenAiCall> {

    @Override
    public Route route() {
        return Route.TEI;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        return null;
    }

    @Override
    public TeiOpenAiCall parse(Context ctx, byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw new WireError(WireReply.text(400, "text/plain; charset=utf-8",
                    "Failed to parse the request body as JSON"));
        }
        TextInputs inputs = TextInputs.of(json.get("input"));
        if (inputs == null) {
            throw new WireError(TeiErrors.unprocessable(json.has("input")
                    ? "input: data did not match any variant of untagged enum Input" : "missing field `input`"));
        }
        JsonNode format = json.get("encoding_format");
        boolean base64 = format != null && "base64".equals(format.asText());
        return new TeiOpenAiCall(json.path("model").asText(null), inputs.texts(), base64);
    }

    @Override
    public ServedModel validate(TeiOpenAiCall call) {
        try {
            TeiDialect.validateBatch(call.texts());
        } catch (WireError e) {
            throw new WireError(compatible(e.reply()));
        }
        return ModelCatalog.teiModel();
    }

    @Override
    public WireReply answer(TeiOpenAiCall call, ServedModel model, List<float[]> vectors) {
        return OpenAiEmbeddingList.reply(model.id(), vectors, call.base64(), SimpleTokenCounter.count(call.texts()));
    }

    @Override
    public WireReply failure(TeiOpenAiCall call, int status) {
        return compatible(TeiErrors.failure(status));
    }

    @Override
    public WireReply rateLimited(TeiOpenAiCall call, RateLimitVerdict verdict) {
        return compatible(TeiErrors.failure(429)).withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }

    @Override
    public WireReply inputTooLong(TeiOpenAiCall call, ServedModel model, InputTooLongException e) {
        return compatible(TeiErrors.validation("`inputs` must have less than " + e.maxTokens() + " tokens"));
    }

    /** TEI's {@code {"error", "error_type"}} rewritten as its OpenAI-compatible {@code {"message", "code", "type"}}. */
    private static WireReply compatible(WireReply teiReply) {
        JsonNode json = Json.readTree(teiReply.body());
        var body = new LinkedHashMap<String, Object>();
        body.put("message", json.path("error").asText());
        body.put("code", teiReply.status());
        body.put("type", json.path("error_type").asText());
        return WireReply.json(teiReply.status(), body);
    }
}
