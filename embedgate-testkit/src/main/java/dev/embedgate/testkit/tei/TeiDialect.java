package dev.embedgate.testkit.tei;

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
import java.util.List;

/**
 * Text Embeddings Inference's {@code POST /embed}: no auth, {@code inputs} string or array (at most 32),
 * {@code normalize} (default true; vectors are unit length either way), {@code truncate} (default false: an
 * over-long input is a 413); always answers an array of vectors. A TEI server runs one model: all-MiniLM-L6-v2.
 */
public final class TeiDialect implements ProviderDialect<TeiCall> {

    @Override
    public Route route() {
        return Route.TEI;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        return null;
    }

    @Override
    public TeiCall parse(Context ctx, byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw new WireError(WireReply.text(400, "text/plain; charset=utf-8",
                    "Failed to parse the request body as JSON"));
        }
        if (!json.has("inputs")) {
            throw new WireError(TeiErrors.unprocessable("missing field `inputs`"));
        }
        TextInputs inputs = TextInputs.of(json.get("inputs"));
        if (inputs == null) {
            throw new WireError(TeiErrors.unprocessable("inputs: data did not match any variant of untagged enum Input"));
        }
        return new TeiCall(inputs.texts(), json.path("truncate").asBoolean(false));
    }

    @Override
    public ServedModel validate(TeiCall call) {
        validateBatch(call.texts());
        return ModelCatalog.teiModel();
    }

    static void validateBatch(List<String> texts) {
        if (texts.isEmpty()) {
            throw new WireError(TeiErrors.validation("`inputs` cannot be empty"));
        }
        if (texts.size() > TeiErrors.MAX_CLIENT_BATCH_SIZE) {
            throw new WireError(TeiErrors.validation("batch size " + texts.size() + " > maximum allowed batch size "
                    + TeiErrors.MAX_CLIENT_BATCH_SIZE));
        }
    }

    @Override
    public WireReply answer(TeiCall call, ServedModel model, List<float[]> vectors) {
        return WireReply.json(200, vectors);
    }

    @Override
    public WireReply failure(TeiCall call, int status) {
        return TeiErrors.failure(status);
    }

    @Override
    public WireReply rateLimited(TeiCall call, RateLimitVerdict verdict) {
        return TeiErrors.failure(429).withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }

    @Override
    public WireReply inputTooLong(TeiCall call, ServedModel model, InputTooLongException e) {
        return TeiErrors.validation("`inputs` must have less than " + e.maxTokens() + " tokens");
    }
}
