package dev.embedgate.testkit.tei;

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

/**
 * Text Embeddings Inference's {@code POST /rerank} (a TEI server running a reranker): no auth, {@code query},
 * {@code texts} (at most 32), {@code raw_scores} (default false: logits instead of sigmoid scores),
 * {@code truncate}, {@code return_text}; answers {@code [{"index": i, "score": s}, …]} sorted by score, best first,
 * with the simulator's token count in {@code x-compute-tokens}. Errors as TEI's {@code /embed}.
 */
public final class TeiRerankDialect implements RerankDialect {

    @Override
    public Route route() {
        return Route.TEI;
    }

    @Override
    public WireReply authorize(Context ctx, ApiKeys keys) {
        return null;
    }

    @Override
    public RerankCall parse(Context ctx, byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw new WireError(WireReply.text(400, "text/plain; charset=utf-8",
                    "Failed to parse the request body as JSON"));
        }
        JsonNode query = json.get("query");
        if (query == null || !query.isTextual()) {
            throw new WireError(TeiErrors.unprocessable("missing field `query`"));
        }
        JsonNode texts = json.get("texts");
        if (texts == null || !texts.isArray()) {
            throw new WireError(TeiErrors.unprocessable("missing field `texts`"));
        }
        var documents = new ArrayList<String>(texts.size());
        for (JsonNode text : texts) {
            if (!text.isTextual()) {
                throw new WireError(TeiErrors.unprocessable("texts: invalid type, expected a string"));
            }
            documents.add(text.textValue());
        }
        boolean raw = json.path("raw_scores").asBoolean(false);
        return new RerankCall("", query.textValue(), documents, raw, 0, false, false);
    }

    @Override
    public void validate(RerankCall call) {
        TeiDialect.validateBatch(call.documents());
    }

    @Override
    public WireReply answer(RerankCall call, List<ScoredDocument> scored) {
        var ranks = new ArrayList<Map<String, Object>>();
        scored.stream().sorted(Comparator.comparingDouble(ScoredDocument::score).reversed()).forEach(document -> {
            var rank = new LinkedHashMap<String, Object>();
            rank.put("index", document.index());
            rank.put("score", document.score());
            ranks.add(rank);
        });
        return WireReply.json(200, ranks).withHeader("x-compute-tokens", Long.toString(call.tokens()));
    }

    @Override
    public WireReply failure(RerankCall call, int status) {
        return TeiErrors.failure(status);
    }

    @Override
    public WireReply rateLimited(RerankCall call, RateLimitVerdict verdict) {
        return TeiErrors.failure(429).withHeader("retry-after", Long.toString(verdict.retryAfterSeconds()));
    }
}
