package dev.embedgate.provider.jina;

import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteRerankProvider;
import dev.embedgate.provider.http.RerankResultsAnswer;
import dev.embedgate.provider.http.RerankResultsRequest;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.rerank.RerankResponse;

/**
 * A Jina-compatible {@code POST {baseUrl}/rerank} (Jina AI at {@code https://api.jina.ai/v1}, and self-hosted vLLM,
 * Infinity or LocalAI at their {@code …/v1}) with {@code model}, {@code query}, {@code documents} and {@code top_n}
 * set to the number of documents; the answer's {@code results} ({@link RerankResultsAnswer}) are put back in request
 * order, and usage is {@code usage.total_tokens} when the server reports it, else estimated. The key is sent as
 * {@code Authorization: Bearer} only when one is configured (self-hosted servers often take none). Thread-safe.
 */
public final class JinaRerankProvider extends RemoteRerankProvider {

    /** @param endpoint e.g. {@code https://api.jina.ai/v1} (the path {@code /rerank} is appended) */
    public JinaRerankProvider(String name, RerankModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, "/rerank");
    }

    @Override
    public RerankResponse rerank(RerankRequest request) {
        return post(RerankResultsRequest.body(wireModel(), request), RerankResultsAnswer.reader(request, this));
    }
}
