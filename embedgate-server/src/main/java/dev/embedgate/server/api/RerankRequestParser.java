package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.rerank.RerankQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the two reranking request shapes EmbedGate accepts: Cohere v2's and Jina's ({@code model}, {@code query},
 * {@code documents} as strings or objects with {@code text}, {@code top_n}, {@code return_documents}) and TEI's
 * ({@code query}, {@code texts}, {@code raw_scores}, {@code return_text}, {@code truncate}). Unknown fields are
 * refused by name.
 */
final class RerankRequestParser {

    /**
     * A parsed reranking request.
     *
     * @param query         what the service ranks
     * @param returnTexts   whether each result carries its document's text
     */
    record RerankCall(RerankQuery query, boolean returnTexts) {
    }

    private static final Set<String> COHERE_FIELDS = Set.of("model", "query", "documents", "top_n", "return_documents");
    private static final Set<String> TEI_FIELDS = Set.of("model", "query", "texts", "raw_scores", "return_text",
            "truncate", "truncation_direction");

    private final int maxCandidates;

    RerankRequestParser(int maxCandidates) {
        this.maxCandidates = maxCandidates;
    }

    RerankCall cohere(JsonNode body) {
        JsonFields.onlyKnown(body, COHERE_FIELDS);
        var query = new RerankQuery(JsonFields.string(body, "model", "model"), query(body), documents(body),
                JsonFields.integer(body, "top_n", "top_n"), false);
        return new RerankCall(query, Boolean.TRUE.equals(JsonFields.bool(body, "return_documents", "return_documents")));
    }

    RerankCall tei(JsonNode body) {
        JsonFields.onlyKnown(body, TEI_FIELDS);
        if (Boolean.FALSE.equals(JsonFields.bool(body, "truncate", "truncate"))) {
            throw new InvalidRequestException("'truncate' must be true: rerankers here cut a pair to the model's limit",
                    "truncate");
        }
        String direction = JsonFields.string(body, "truncation_direction", "truncation_direction");
        if (direction != null && !direction.equalsIgnoreCase("right")) {
            throw new InvalidRequestException("'truncation_direction' must be Right: rerankers here keep the start of "
                    + "a long document", "truncation_direction");
        }
        List<String> texts = JsonFields.strings(body, "texts", "texts", maxCandidates);
        if (body.get("texts") == null || body.get("texts").isNull()) {
            throw new InvalidRequestException("'texts' is required: the documents to rank", "texts");
        }
        var query = new RerankQuery(JsonFields.string(body, "model", "model"), query(body), texts, null,
                Boolean.TRUE.equals(JsonFields.bool(body, "raw_scores", "raw_scores")));
        return new RerankCall(query, Boolean.TRUE.equals(JsonFields.bool(body, "return_text", "return_text")));
    }

    private static String query(JsonNode body) {
        String query = JsonFields.string(body, "query", "query");
        if (query == null) {
            throw new InvalidRequestException("'query' is required: what the documents are ranked against", "query");
        }
        return query;
    }

    private List<String> documents(JsonNode body) {
        JsonNode documents = body.get("documents");
        if (documents == null || documents.isNull()) {
            throw new InvalidRequestException("'documents' is required: the documents to rank", "documents");
        }
        if (!documents.isArray()) {
            throw new InvalidRequestException("'documents' must be an array of strings or of objects with 'text'",
                    "documents");
        }
        if (documents.size() > maxCandidates) {
            throw new InvalidRequestException("'documents' holds " + documents.size() + " documents; at most "
                    + maxCandidates + " per request (rerank.maxCandidates)", "documents", "too_many_items");
        }
        var texts = new ArrayList<String>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            JsonNode document = documents.get(i);
            String param = "documents[" + i + "]";
            if (document.isTextual()) {
                texts.add(document.textValue());
            } else if (document.isObject() && document.get("text") != null && document.get("text").isTextual()) {
                texts.add(document.get("text").textValue());
            } else {
                throw new InvalidRequestException("'" + param + "' must be a string or an object with a string 'text'",
                        param);
            }
        }
        return texts;
    }
}
