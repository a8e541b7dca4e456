package dev.embedgate.provider.tei;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteRerankProvider;
import dev.embedgate.provider.http.RerankResultsAnswer;
import dev.embedgate.provider.http.VectorListAnswer;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;
import dev.embedgate.rerank.RerankScores;
import java.io.IOException;

/**
 * A Text Embeddings Inference server's {@code POST {baseUrl}/rerank} with
 * {@code {"query": …, "texts": […], "raw_scores": …, "truncate": true}}, answered as {@code [{"index": i,
 * "score": s}, …]} sorted by score, put back in request order here. TEI serves one model, named in no request: the
 * configured model name is for display. TEI can answer with the model's raw logits ({@link #rawScores()}). Token
 * usage comes from TEI's {@code x-compute-tokens} header when present, else it is estimated. Thread-safe.
 */
public final class TeiRerankProvider extends RemoteRerankProvider {

    /** @param endpoint the server, e.g. {@code http://tei-rerank:8080} */
    public TeiRerankProvider(String name, RerankModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, "/rerank");
    }

    @Override
    public boolean rawScores() {
        return true;
    }

    @Override
    public RerankResponse rerank(RerankRequest request) {
        byte[] body = ProviderJson.object(json -> {
            json.writeStringField("query", request.query());
            ProviderJson.stringArray(json, "texts", request.documents());
            json.writeBooleanField("raw_scores", request.rawScores());
            json.writeBooleanField("truncate", true);
        });
        return post(body, (bytes, headers) -> response(scores(bytes, request.documents().size()),
                VectorListAnswer.computeTokens(headers).orElse(-1), request));
    }

    /** The scores of a {@code [{"index": i, "score": s}, …]} body, in request order. */
    private static double[] scores(byte[] body, int documents) throws IOException {
        try (JsonParser json = ProviderJson.parser(body)) {
            ProviderJson.next(json);
            ProviderJson.expect(json, JsonToken.START_ARRAY, "an array of ranks");
            RerankScores scores = RerankResultsAnswer.ranks(json, documents, "score");
            if (json.nextToken() != null) {
                throw new JsonParseException(json, "unexpected content after the ranks");
            }
            return scores.inRequestOrder();
        }
    }
}
