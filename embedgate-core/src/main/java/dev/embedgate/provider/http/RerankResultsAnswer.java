package dev.embedgate.provider.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;
import dev.embedgate.rerank.RerankScores;
import java.io.IOException;

/**
 * The answer shape Cohere's {@code /v2/rerank} and every Jina-compatible {@code /rerank} (Jina AI, vLLM, Infinity,
 * LocalAI) share: {@code {"results": [{"index": i, "relevance_score": s, …}, …], …}}, sorted by relevance, with
 * usage as Jina's {@code usage.total_tokens} where the server reports it (Cohere bills search units instead, in
 * {@code meta.billed_units.search_units}, which carry no token count).
 *
 * @param scores one per document, in request order
 * @param tokens the tokens the answer reports, or -1
 */
public record RerankResultsAnswer(double[] scores, long tokens) {

    /** Reads the provider's answer to the request: scores in request order, the reported tokens or the estimate. */
    public static ProviderHttpClient.AnswerReader<RerankResponse> reader(RerankRequest request,
            RemoteRerankProvider provider) {
        return (body, headers) -> {
            RerankResultsAnswer answer = read(body, request.documents().size());
            return provider.response(answer.scores(), answer.tokens(), request);
        };
    }

    /** Reads the answer to a request of {@code documents} documents. */
    public static RerankResultsAnswer read(byte[] body, int documents) throws IOException {
        RerankScores scores = null;
        long tokens = -1;
        try (JsonParser json = ProviderJson.parser(body)) {
            ProviderJson.next(json);
            ProviderJson.expect(json, JsonToken.START_OBJECT, "a JSON object");
            while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = ProviderJson.next(json);
                if (field.equals("results") && value == JsonToken.START_ARRAY) {
                    scores = ranks(json, documents, "relevance_score");
                } else if (field.equals("usage") && value == JsonToken.START_OBJECT) {
                    tokens = totalTokens(json);
                } else {
                    ProviderJson.skip(json);
                }
            }
            if (scores == null) {
                throw new JsonParseException(json, "the answer has no 'results'");
            }
        }
        return new RerankResultsAnswer(scores.inRequestOrder(), tokens);
    }

    /**
     * Reads an array of rank objects, {@code [{"index": i, "<scoreField>": s, …}, …]}, the parser standing on its
     * {@code START_ARRAY}: the shape of Cohere's and Jina's {@code results} ({@code relevance_score}) and of TEI's
     * whole answer ({@code score}).
     */
    public static RerankScores ranks(JsonParser json, int documents, String scoreField) throws IOException {
        var scores = new RerankScores(documents);
        while (ProviderJson.next(json) != JsonToken.END_ARRAY) {
            ProviderJson.expect(json, JsonToken.START_OBJECT, "a result object");
            long index = -1;
            Double score = null;
            while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = ProviderJson.next(json);
                if (field.equals("index") && value == JsonToken.VALUE_NUMBER_INT) {
                    index = json.getLongValue();
                } else if (field.equals(scoreField) && value.isNumeric()) {
                    score = json.getDoubleValue();
                } else {
                    ProviderJson.skip(json);
                }
            }
            if (index < 0 || score == null) {
                throw new JsonParseException(json, "a result lacks its 'index' or '" + scoreField + "'");
            }
            scores.put(index, score);
        }
        return scores;
    }

    /** Within {@code usage}: {@code total_tokens}, or -1. */
    private static long totalTokens(JsonParser json) throws IOException {
        long tokens = -1;
        while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = ProviderJson.next(json);
            if (field.equals("total_tokens") && value.isNumeric()) {
                tokens = Math.round(json.getDoubleValue());
            } else {
                ProviderJson.skip(json);
            }
        }
        return tokens;
    }
}
