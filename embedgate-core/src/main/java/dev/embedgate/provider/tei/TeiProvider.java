package dev.embedgate.provider.tei;

import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.InputsRequest;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProvider;
import dev.embedgate.provider.http.VectorListAnswer;
import java.util.List;

/**
 * A Text Embeddings Inference server's native {@code POST {baseUrl}/embed} with
 * {@code {"inputs": […], "normalize": …, "truncate": …}}. A TEI server serves one model, so none is named in the
 * request; the {@link RemoteModel} says which it is, and the server loads it at start. No credential is sent unless
 * one is configured (TEI's {@code --api-key}). Token usage comes from TEI's {@code x-compute-tokens} header when
 * present. Thread-safe.
 */
public final class TeiProvider extends RemoteProvider {

    /** Named {@code tei/<model>}. */
    public TeiProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("tei/" + model.wireName(), model, endpoint);
    }

    /** @param endpoint the server, e.g. {@code http://tei:8080} */
    public TeiProvider(String name, RemoteModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, "/embed");
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        List<String> texts = model().wireTexts(request);
        byte[] body = InputsRequest.body(texts, space().normalized(), request.truncate());
        return post(body, texts, VectorListAnswer.reader(texts, model()));
    }
}
