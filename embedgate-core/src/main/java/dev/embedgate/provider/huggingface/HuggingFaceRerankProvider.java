package dev.embedgate.provider.huggingface;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteRerankProvider;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;
import dev.embedgate.rerank.RerankScores;
import java.io.IOException;

/**
 * A cross-encoder on Hugging Face, served as sentence-pair text classification:
 * {@code POST {endpoint}/hf-inference/models/{model}/pipeline/text-classification} on the router, or
 * {@code POST {endpoint}/models/{model}} on the legacy Inference API ({@link HuggingFaceUrls}), with
 * {@code {"inputs": [{"text": query, "text_pair": document}, …]}}. The answer has one entry per pair, in request
 * order: a {@code {"label", "score"}} object, or a list holding one (a single-label cross-encoder's score, the
 * pipeline's sigmoid applied); a model with several labels is not a reranker and its answer is refused. Errors,
 * cold starts ({@code estimated_time}) and {@code X-wait-for-model} as for {@link HuggingFaceProvider}; token usage
 * is estimated. Thread-safe.
 */
public final class HuggingFaceRerankProvider extends RemoteRerankProvider {

    /** @param endpoint the router, e.g. {@code https://router.huggingface.co}, or the legacy API, with the HF token */
    public HuggingFaceRerankProvider(String name, RerankModel model, RemoteEndpoint endpoint,
            HuggingFaceOptions options) {
        super(name, requireModelId(model), endpoint, HuggingFaceUrls.textClassification(endpoint.baseUrl(),
                model.wireName()), HuggingFaceProvider.headers(endpoint, options),
                HuggingFaceProvider.loadingAware(options.maxLoadingWait()));
    }

    private static RerankModel requireModelId(RerankModel model) {
        if (!model.wireName().matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?")) {
            throw new IllegalArgumentException("'" + model.wireName() + "' is not a Hugging Face model id (owner/name)");
        }
        return model;
    }

    @Override
    public RerankResponse rerank(RerankRequest request) {
        byte[] body = ProviderJson.object(json -> {
            json.writeArrayFieldStart("inputs");
            for (String document : request.documents()) {
                json.writeStartObject();
                json.writeStringField("text", request.query());
                json.writeStringField("text_pair", document);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
        return post(body, (bytes, headers) -> response(scores(bytes, request.documents().size()), -1, request));
    }

    /** One score per pair, in order: each entry {@code {"label", "score"}} or {@code [{"label", "score"}]}. */
    private static double[] scores(byte[] body, int documents) throws IOException {
        var scores = new RerankScores(documents);
        try (JsonParser json = ProviderJson.parser(body)) {
            ProviderJson.next(json);
            ProviderJson.expect(json, JsonToken.START_ARRAY, "a list of classifications");
            int index = 0;
            for (JsonToken entry = ProviderJson.next(json); entry != JsonToken.END_ARRAY; entry = ProviderJson.next(json)) {
                double score;
                if (entry == JsonToken.START_ARRAY) {
                    ProviderJson.next(json);
                    score = label(json);
                    if (ProviderJson.next(json) != JsonToken.END_ARRAY) {
                        throw new JsonParseException(json, "the model answers with several labels per pair: it is "
                                + "not a single-score cross-encoder (reranker)");
                    }
                } else {
                    score = label(json);
                }
                scores.put(index++, score);
            }
            if (json.nextToken() != null) {
                throw new JsonParseException(json, "unexpected content after the classifications");
            }
        }
        return scores.inRequestOrder();
    }

    /** The score of a {@code {"label": …, "score": …}} object; the parser is on its {@code {}. */
    private static double label(JsonParser json) throws IOException {
        ProviderJson.expect(json, JsonToken.START_OBJECT, "a {label, score} object");
        Double score = null;
        while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = ProviderJson.next(json);
            if (field.equals("score") && value.isNumeric()) {
                score = json.getDoubleValue();
            } else {
                ProviderJson.skip(json);
            }
        }
        if (score == null) {
            throw new JsonParseException(json, "a classification lacks its 'score'");
        }
        return score;
    }
}
