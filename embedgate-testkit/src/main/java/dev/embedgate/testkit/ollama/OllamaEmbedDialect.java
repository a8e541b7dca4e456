package dev.embedgate.testkit.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.vectors.InputTooLongException;
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
 * Ollama's {@code POST /api/embed}: no auth, {@code model}, {@code input} string or array, {@code truncate}
 * (default true); answers {@code {"model", "embeddings", "total_duration", "load_duration", "prompt_eval_count"}}
 * with unit-length vectors (durations in nanoseconds).
 */
public final class OllamaEmbedDialect implements ProviderDialect<OllamaCall> {

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
        JsonNode input = json.get("input");
        TextInputs inputs = input == null || input.isNull() ? new TextInputs(List.of(), false) : TextInputs.of(input);
        if (inputs == null) {
            throw new WireError(OllamaErrors.error(400, "invalid input type"));
        }
        JsonNode model = json.get("model");
        return new OllamaCall(model == null || model.isNull() ? null : model.asText(), inputs.texts(),
                json.path("truncate").asBoolean(true), started);
    }

    @Override
    public ServedModel validate(OllamaCall call) {
        return OllamaErrors.model(call.model());
    }

    @Override
    public WireReply answer(OllamaCall call, ServedModel model, List<float[]> vectors) {
        var body = new LinkedHashMap<String, Object>();
        body.put("model", call.model());
        body.put("embeddings", vectors);
        body.put("total_duration", System.nanoTime() - call.startedNanos());
        body.put("load_duration", 0);
        body.put("prompt_eval_count", SimpleTokenCounter.count(call.texts()));
        return WireReply.json(200, body);
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
