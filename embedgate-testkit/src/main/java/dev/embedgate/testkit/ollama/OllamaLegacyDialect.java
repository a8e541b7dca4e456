package dev.embedgate.testkit.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.vectors.InputTooLongException;
import dev.embedgate.testkit.vectors.ServedModel;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.Json;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Ollama's legacy {@code POST /api/embeddings}: {@code {"model", "prompt"}} answered with {@code {"embedding": [...]}}
 * (an empty prompt gets an empty embedding). Real Ollama does not normalise here; the simulator's vectors are unit
 * length on every route.
 */
public final class OllamaLegacyDialect implements ProviderDialect<OllamaCall> {

    @Override
    public Route route() {
        return Route.OLLAMA;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        return null;
    }

    @Override
    public OllamaCall parse(Context ctx, byte[] body) {
        long started = System.nanoTime();
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw new WireError(OllamaErrors.error(400, "invalid character in request body: not a JSON object"));
        }
        JsonNode prompt = json.get("prompt");
        if (prompt != null && !prompt.isNull() && !prompt.isTextual()) {
            throw new WireError(OllamaErrors.error(400, "json: cannot unmarshal into field prompt of type string"));
        }
        String text = prompt == null || prompt.isNull() ? "" : prompt.textValue();
        JsonNode model = json.get("model");
        return new OllamaCall(model == null || model.isNull() ? null : model.asText(),
                text.isEmpty() ? List.of() : List.of(text), true, started);
    }

    @Override
    public ServedModel validate(OllamaCall call) {
        return OllamaErrors.model(call.model());
    }

    @Override
    public WireReply answer(OllamaCall call, ServedModel model, List<float[]> vectors) {
        return WireReply.json(200, Map.of("embedding", vectors.isEmpty() ? new float[0] : vectors.getFirst()));
    }

    @Override
    public WireReply failure(OllamaCall call, int status) {
        return OllamaErrors.failure(status);
    }

    @Override
    public WireReply rateLimited(OllamaCall call, RateLimitVerdict verdict) {
        return OllamaErrors.rateLimited(verdict);
    }

    @Override
    public WireReply inputTooLong(OllamaCall call, ServedModel model, InputTooLongException e) {
        return OllamaErrors.inputTooLong();
    }
}
