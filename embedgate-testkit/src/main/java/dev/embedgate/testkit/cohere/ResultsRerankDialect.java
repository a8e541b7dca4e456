package dev.embedgate.testkit.cohere;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The rerank format Cohere and Jina share, on the COHERE route: Bearer auth; {@code model}, {@code query},
 * {@code documents} (strings, or Jina's {@code {"text": …}} objects), {@code top_n} (default: all); answered with
 * {@code results} sorted by {@code relevance_score}, best first, each with its request {@code index}.
 * <ul>
 *   <li>{@link #COHERE}, {@code POST /v2/rerank}: the models {@code rerank-v3.5}, {@code rerank-english-v3.0},
 *       {@code rerank-multilingual-v3.0} (another is a 404), at most 10,000 documents, {@code meta.billed_units
 *       .search_units} (one per 100 documents), errors as {@code {"message": …}};</li>
 *   <li>{@link #JINA}, {@code POST /v1/rerank} (Jina AI, vLLM, Infinity, LocalAI): any model name, Jina's
 *       {@code usage.total_tokens} (the simulator's token count), errors as {@code {"detail": …}}.</li>
 * </ul>
 */
public final class ResultsRerankDialect implements RerankDialect {

    public static final ResultsRerankDialect COHERE = new ResultsRerankDialect(true);
    public static final ResultsRerankDialect JINA = new ResultsRerankDialect(false);

    public static final int MAX_COHERE_DOCUMENTS = 10_000;
    public static final Set<String> COHERE_MODELS = Set.of("rerank-v3.5", "rerank-english-v3.0",
            "rerank-multilingual-v3.0");
    private static final int DOCUMENTS_PER_SEARCH = 100;

    private final boolean cohere;

    private ResultsRerankDialect(boolean cohere) {
        this.cohere = cohere;
    }

    @Override
    public Route route() {
        return Route.COHERE;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        String key = ApiKeys.bearer(ctx);
        if (key == null) {
            return error(401, cohere ? "no api key supplied" : "Missing API key: pass it as Authorization: Bearer");
        }
        return keys.accepts(key) ? null : error(401, cohere ? "invalid api token" : "Invalid API key");
    }

    @Override
    public RerankCall parse(Context ctx, byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw invalid("invalid request: the body must be a JSON object");
        }
        JsonNode query = json.get("query");
        if (query == null || !query.isTextual()) {
            throw invalid("invalid request: query must be a string");
        }
        JsonNode documents = json.get("documents");
        if (documents == null || !documents.isArray()) {
            throw invalid("invalid request: documents must be an array of strings");
        }
        var texts = new ArrayList<String>(documents.size());
        for (JsonNode document : documents) {
            if (document.isTextual()) {
                texts.add(document.textValue());
            } else if (!cohere && document.path("text").isTextual()) {
                texts.add(document.path("text").textValue());
            } else {
                throw invalid("invalid request: documents must be an array of strings");
            }
        }
        JsonNode topN = json.get("top_n");
        if (topN != null && !topN.isNull() && !(topN.isIntegralNumber() && topN.canConvertToInt() && topN.intValue() > 0)) {
            throw invalid("invalid request: top_n must be a positive integer");
        }
        String model = json.hasNonNull("model") ? json.get("model").asText() : "";
        return new RerankCall(model, query.textValue(), texts, topN == null || topN.isNull() ? 0 : topN.intValue());
    }

    @Override
    public void validate(RerankCall call) {
        if (call.model().isBlank()) {
            throw invalid("invalid request: model must be specified");
        }
        if (cohere && !COHERE_MODELS.contains(call.model())) {
            throw new WireError(error(404, "model '" + call.model() + "' not found, make sure the correct model ID "
                    + "was used and that you have access to the model."));
        }
        if (call.documents().isEmpty()) {
            throw invalid("invalid request: documents must contain at least 1 document");
        }
        if (cohere && call.documents().size() > MAX_COHERE_DOCUMENTS) {
            throw invalid("invalid request: documents can have at most " + MAX_COHERE_DOCUMENTS + " items, got "
                    + call.documents().size());
        }
    }

    @Override
    public WireReply answer(RerankCall call, List<ScoredDocument> scored) {
        var results = new ArrayList<Map<String, Object>>();
        scored.stream().sorted(Comparator.comparingDouble(ScoredDocument::score).reversed())
                .limit(call.topN() > 0 ? call.topN() : Long.MAX_VALUE)
                .forEach(document -> {
                    var result = new LinkedHashMap<String, Object>();
                    result.put("index", document.index());
                    result.put("relevance_score", document.score());
                    results.add(result);
                });
        var body = new LinkedHashMap<String, Object>();
        if (cohere) {
            body.put("id", UUID.randomUUID().toString());
            body.put("results", results);
            int searches = (call.documents().size() + DOCUMENTS_PER_SEARCH - 1) / DOCUMENTS_PER_SEARCH;
            body.put("meta", Map.of("api_version", Map.of("version", "2"),
                    "billed_units", Map.of("search_units", searches)));
        } else {
            body.put("model", call.model());
            body.put("usage", Map.of("total_tokens", call.tokens()));
            body.put("results", results);
        }
        return WireReply.json(200, body);
    }

    @Override
    public WireReply failure(RerankCall call, int status) {
        return switch (status) {
            case 500 -> error(500, "internal server error, this has been reported to our developers");
            case 502 -> WireReply.badGatewayPage();
            case 503 -> error(503, "service unavailable, please try again later");
            default -> error(status, "The simulator was told to answer " + status + " to this request.");
        };
    }

    @Override
    public WireReply rateLimited(RerankCall call, RateLimitVerdict verdict) {
        return error(429, (verdict.limitKnown() ? "You are past the limit of " + verdict.limit() + " "
                + verdict.limitType() + " per minute on this API key." : "Too many requests.")
                + " Please wait and try again later.")
                .withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }

    private WireError invalid(String message) {
        return new WireError(error(cohere ? 400 : 422, message));
    }

    private WireReply error(int status, String message) {
        return WireReply.json(status, Map.of(cohere ? "message" : "detail", message));
    }
}
