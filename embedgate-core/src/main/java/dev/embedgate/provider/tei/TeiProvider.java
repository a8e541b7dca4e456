package dev.embedgate.provider.tei;

import dev.embedgate.provider.AnswerValidator;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.ProviderHttpClient;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.VectorListAnswer;
import dev.embedgate.space.EmbeddingSpace;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A Text Embeddings Inference server's native {@code POST {baseUrl}/embed} with
 * {@code {"inputs": […], "normalize": …, "truncate": …}}. A TEI server serves one model, so none is named in the
 * request; the {@link RemoteModel} says which it is. No credential is sent unless one is configured (TEI's
 * {@code --api-key}). Token usage comes from TEI's {@code x-compute-tokens} header when present. Thread-safe.
 */
public final class TeiProvider implements EmbeddingProvider {

    private final String name;
    private final RemoteModel model;
    private final ProviderHttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final AnswerValidator validator = new AnswerValidator();

    /** Named {@code tei/<model>}. */
    public TeiProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("tei/" + model.wireName(), model, endpoint);
    }

    /** @param endpoint the server, e.g. {@code http://tei:8080} */
    public TeiProvider(String name, RemoteModel model, RemoteEndpoint endpoint) {
        this.name = name;
        this.model = model;
        this.http = new ProviderHttpClient(name, endpoint);
        this.uri = endpoint.resolve("/embed", null);
        this.headers = endpoint.key().map(key -> Map.of("Authorization", "Bearer " + key.reveal())).orElse(Map.of());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EmbeddingSpace space() {
        return model.space();
    }

    @Override
    public ProviderLimits limits() {
        return model.limits();
    }

    @Override
    public int countTokens(String text) {
        return model.tokenCounter().count(text);
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        List<String> texts = model.wireTexts(request);
        byte[] body = ProviderJson.object(json -> {
            ProviderJson.stringArray(json, "inputs", texts);
            json.writeBooleanField("normalize", model.space().normalized());
            json.writeBooleanField("truncate", request.truncate());
        });
        ProviderResponse response = http.postJson(uri, headers, body, (bytes, answerHeaders) -> new ProviderResponse(
                VectorListAnswer.vectors(bytes, texts.size(), model.space().dimensions()),
                VectorListAnswer.computeTokens(answerHeaders).orElseGet(() -> model.countTokens(texts)),
                List.of()));
        validator.validate(response, texts.size(), this);
        return response;
    }

    @Override
    public boolean ready() {
        return true;
    }

    /** A TEI server loads its model at start; nothing to do here. */
    @Override
    public void warmUp() {
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
