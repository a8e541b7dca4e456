package dev.embedgate.provider.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.AnswerValidator;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.ErrorAnswer;
import dev.embedgate.provider.http.ProviderHttpClient;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.VectorListAnswer;
import dev.embedgate.space.EmbeddingSpace;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Hugging Face inference router's feature extraction:
 * {@code POST {endpoint}/hf-inference/models/{model}/pipeline/feature-extraction} with
 * {@code {"inputs": […], "normalize": …, "truncate": …}}. A cold model answers 503 with {@code estimated_time};
 * that becomes a retryable {@code SERVER_ERROR} whose retry-after is the estimate (capped), unless
 * {@link HuggingFaceOptions#waitForModel()} asks the router to wait instead. The router does not say which inputs
 * it truncated, so none are reported; token usage is estimated. Thread-safe.
 */
public final class HuggingFaceProvider implements EmbeddingProvider {

    private final String name;
    private final RemoteModel model;
    private final ProviderHttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final AnswerValidator validator = new AnswerValidator();

    /** Named {@code huggingface/<model>}, with {@link HuggingFaceOptions#DEFAULT}. */
    public HuggingFaceProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("huggingface/" + model.wireName(), model, endpoint, HuggingFaceOptions.DEFAULT);
    }

    /** @param endpoint the router, e.g. {@code https://router.huggingface.co}, with the HF token */
    public HuggingFaceProvider(String name, RemoteModel model, RemoteEndpoint endpoint, HuggingFaceOptions options) {
        if (!model.wireName().matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?")) {
            throw new IllegalArgumentException("'" + model.wireName() + "' is not a Hugging Face model id (owner/name)");
        }
        this.name = name;
        this.model = model;
        Duration cap = options.maxLoadingWait();
        this.http = new ProviderHttpClient(name, endpoint, answer -> mapError(answer, cap));
        this.uri = endpoint.resolve("/hf-inference/models/" + model.wireName() + "/pipeline/feature-extraction", null);
        var headers = new HashMap<String, String>();
        endpoint.key().ifPresent(key -> headers.put("Authorization", "Bearer " + key.reveal()));
        if (options.waitForModel()) {
            headers.put("X-wait-for-model", "true");
        }
        this.headers = Map.copyOf(headers);
    }

    /** A 503 with {@code estimated_time} is a model still loading: retry after the estimate (up to the cap). */
    static ProviderCallException mapError(ErrorAnswer answer, Duration cap) {
        if (answer.status() == 503) {
            Optional<JsonNode> estimate = answer.json().map(root -> root.path("estimated_time")).filter(JsonNode::isNumber);
            if (estimate.isPresent()) {
                double seconds = Math.max(0, estimate.get().asDouble());
                Duration wait = Duration.ofMillis(Math.round(seconds * 1000));
                wait = wait.compareTo(cap) > 0 ? cap : wait;
                return answer.failure(Kind.SERVER_ERROR, wait, "the model is loading at " + answer.endpoint()
                        + " (HTTP 503, estimated " + Math.round(seconds) + " s); retry after " + wait.toMillis() + " ms");
            }
        }
        return answer.toException();
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

    /** Nothing to load here; a cold model on the router loads on the first call. */
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
