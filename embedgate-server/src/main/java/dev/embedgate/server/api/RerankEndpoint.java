package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedgate.rerank.RankedDocument;
import dev.embedgate.rerank.RerankResult;
import dev.embedgate.rerank.RerankService;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code POST /v1/rerank} and {@code /v2/rerank} in the shape Cohere v2 and Jina share, and {@code POST /rerank} in
 * TEI's, so that clients of any of them can point at EmbedGate. Headers say which model and ranker answered, and
 * whether the local cosine ranker stood in ({@code X-EmbedGate-Ranker}, {@code X-EmbedGate-Fallback}).
 */
final class RerankEndpoint {

    private final RerankService service;
    private final RerankRequestParser parser;
    private final ObjectMapper json;
    private final ObjectReader reader;
    private final ApiResponses responses;
    private final RequestBodyReader bodies;

    RerankEndpoint(RerankService service, ObjectMapper json, ApiResponses responses, RequestBodyReader bodies) {
        this.service = service;
        this.parser = new RerankRequestParser(service.settings().maxCandidates());
        this.json = json;
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.responses = responses;
        this.bodies = bodies;
    }

    /** Cohere's and Jina's shape. */
    void cohere(Context ctx) throws IOException {
        RerankRequestParser.RerankCall call = parser.cohere(body(ctx));
        RerankResult result = rank(ctx, call);
        ObjectNode answer = json.createObjectNode();
        answer.put("id", UUID.randomUUID().toString());
        answer.put("model", result.model());
        answer.set("results", results(result, call, "relevance_score", text -> {
            ObjectNode document = json.createObjectNode();
            document.put("text", text);
            return document;
        }, "document"));
        answer.putObject("usage").put("total_tokens", result.inputTokens());
        ObjectNode meta = answer.putObject("meta");
        meta.putObject("api_version").put("version", "2");
        meta.putObject("billed_units").put("search_units", 1);
        responses.json(ctx, 200, answer);
    }

    /** TEI's shape: a bare array of {@code index}, {@code score} (and {@code text}), the best first. */
    void tei(Context ctx) throws IOException {
        RerankRequestParser.RerankCall call = parser.tei(body(ctx));
        RerankResult result = rank(ctx, call);
        responses.json(ctx, 200, results(result, call, "score", json.getNodeFactory()::textNode, "text"));
    }

    private JsonNode body(Context ctx) throws IOException {
        return JsonBody.object(reader, bodies.read(ctx), "a rerank request");
    }

    private RerankResult rank(Context ctx, RerankRequestParser.RerankCall call) {
        RerankResult result;
        try (var watch = ClientDisconnectWatch.start(ctx)) {
            result = service.rerank(call.query(), ApiKeyAuth.caller(ctx));
        }
        HttpMeters.model(ctx, result.model());
        ctx.header("X-EmbedGate-Model", result.model());
        ctx.header("X-EmbedGate-Ranker", result.ranker());
        if (result.fallback()) {
            ctx.header("X-EmbedGate-Fallback", "true");
        }
        return result;
    }

    private ArrayNode results(RerankResult result, RerankRequestParser.RerankCall call, String scoreField,
                              Function<String, JsonNode> document, String documentField) {
        ArrayNode results = json.createArrayNode();
        List<String> documents = call.query().documents();
        for (RankedDocument ranked : result.results()) {
            ObjectNode entry = results.addObject();
            entry.put("index", ranked.index());
            entry.put(scoreField, ranked.score());
            if (call.returnTexts()) {
                entry.set(documentField, document.apply(documents.get(ranked.index())));
            }
        }
        return results;
    }
}
