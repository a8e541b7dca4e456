package dev.embedgate.provider.cohere;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteRerankProvider;
import dev.embedgate.provider.http.RerankResultsAnswer;
import dev.embedgate.provider.http.RerankResultsRequest;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;

/**
 * Cohere's {@code POST {baseUrl}/v2/rerank} with {@code model}, {@code query}, {@code documents} (plain strings) and
 * {@code top_n} set to the number of documents, so that every document comes back scored; the answer's
 * {@code results} ({@link RerankResultsAnswer}) are put back in request order. Cohere bills search units, not
 * tokens, so usage is estimated. Thread-safe.
 */
public final class CohereRerankProvider extends RemoteRerankProvider {

    /** @param endpoint e.g. {@code https://api.cohere.com} (the path {@code /v2/rerank} is appended) */
    public CohereRerankProvider(String name, RerankModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, "/v2/rerank");
    }

    @Override
    public RerankResponse rerank(RerankRequest request) {
        return post(RerankResultsRequest.body(wireModel(), request), RerankResultsAnswer.reader(request, this));
    }
}
