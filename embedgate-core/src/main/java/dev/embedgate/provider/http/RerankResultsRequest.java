package dev.embedgate.provider.http;

import dev.embedgate.rerank.RerankRequest;

/**
 * The request body Cohere's {@code /v2/rerank} and every Jina-compatible {@code /rerank} share:
 * {@code {"model": …, "query": …, "documents": […], "top_n": <every document>}}, answered as
 * {@link RerankResultsAnswer} reads.
 */
public final class RerankResultsRequest {

    private RerankResultsRequest() {
    }

    /** The body asking for a score of every document. */
    public static byte[] body(String model, RerankRequest request) {
        return ProviderJson.object(json -> {
            json.writeStringField("model", model);
            json.writeStringField("query", request.query());
            ProviderJson.stringArray(json, "documents", request.documents());
            json.writeNumberField("top_n", request.documents().size());
        });
    }
}
