package dev.embedgate.testkit.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.fault.RateLimitVerdict;
import dev.embedgate.testkit.rerank.RerankCall;
import dev.embedgate.testkit.rerank.RerankDialect;
import dev.embedgate.testkit.rerank.ScoredDocument;
import dev.embedgate.testkit.wire.ApiKeys;
import dev.embedgate.testkit.wire.Json;
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cross-encoder on the Hugging Face router as sentence-pair text classification
 * ({@code POST /hf-inference/models/{model}/pipeline/text-classification}): Bearer auth, {@code inputs} one
 * {@code {"text": query, "text_pair": document}} object or a list of them (every pair's {@code text} the same query);
 * answers, in request order, {@code [{"label": "LABEL_0", "score": s}]} per pair (a list of those for a list of
 * pairs, a flat one for a single pair). The models {@link #MODELS}; another is a 404. Errors, rate limits and the
 * cold start as the router's feature extraction.
 */
public final class HuggingFaceRerankDialect implements RerankDialect {

    public static final Set<String> MODELS = Set.of("BAAI/bge-reranker-base", "BAAI/bge-reranker-v2-m3",
            "cross-encoder/ms-marco-MiniLM-L6-v2");

    private static final HuggingFaceDialect EMBEDDINGS = new HuggingFaceDialect();

    @Override
    public Route route() {
        return Route.HUGGINGFACE;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        return EMBEDDINGS.authorize(ctx, keys);
    }

    @Override
    public RerankCall parse(Context ctx, byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw new WireError(error(400, "Failed to deserialize the JSON body: the body is not a JSON object"));
        }
        JsonNode inputs = json.get("inputs");
        boolean single = inputs != null && inputs.isObject();
        List<JsonNode> pairs = new ArrayList<>();
        if (single) {
            pairs.add(inputs);
        } else if (inputs != null && inputs.isArray()) {
            inputs.forEach(pairs::add);
        } else {
            throw new WireError(error(400, "Input should be a {text, text_pair} object or a list of them: `inputs`"));
        }
        String query = null;
        var documents = new ArrayList<String>(pairs.size());
        for (JsonNode pair : pairs) {
            if (!pair.path("text").isTextual() || !pair.path("text_pair").isTextual()) {
                throw new WireError(error(400, "the simulator classifies {text, text_pair} pairs only: `inputs`"));
            }
            String text = pair.get("text").textValue();
            if (query != null && !query.equals(text)) {
                throw new WireError(error(400, "the simulator scores pairs of one query only: every `text` must be "
                        + "the same"));
            }
            query = text;
            documents.add(pair.get("text_pair").textValue());
        }
        boolean waits = "true".equalsIgnoreCase(ctx.header("X-wait-for-model"))
                || json.path("options").path("wait_for_model").asBoolean(false);
        return new RerankCall(ctx.pathParam("model"), query == null ? "" : query, documents, false, 0, single, waits);
    }

    @Override
    public void validate(RerankCall call) {
        if (!MODELS.contains(call.model())) {
            throw new WireError(error(404, "Model " + call.model() + " does not exist"));
        }
        if (call.documents().isEmpty()) {
            throw new WireError(error(400, "Input validation error: `inputs` cannot be empty"));
        }
    }

    @Override
    public WireReply answer(RerankCall call, List<ScoredDocument> scored) {
        var perPair = new ArrayList<List<Map<String, Object>>>(scored.size());
        for (ScoredDocument document : scored) {
            var label = new LinkedHashMap<String, Object>();
            label.put("label", "LABEL_0");
            label.put("score", document.score());
            perPair.add(List.of(label));
        }
        return WireReply.json(200, call.single() && perPair.size() == 1 ? perPair.getFirst() : perPair);
    }

    @Override
    public WireReply failure(RerankCall call, int status) {
        return EMBEDDINGS.failure(null, status);
    }

    @Override
    public WireReply rateLimited(RerankCall call, RateLimitVerdict verdict) {
        return EMBEDDINGS.rateLimited(null, verdict);
    }

    @Override
    public WireReply loading(RerankCall call, double remainingSeconds) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", "Model " + call.model() + " is currently loading");
        body.put("estimated_time", Math.round(remainingSeconds * 1000) / 1000.0);
        return WireReply.json(503, body);
    }

    private static WireReply error(int status, String message) {
        return WireReply.json(status, Map.of("error", message));
    }
}
