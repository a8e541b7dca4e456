package dev.embedgate.provider.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.ErrorAnswer;
import dev.embedgate.provider.http.InputsRequest;
import dev.embedgate.provider.http.ProviderHttpClient;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProvider;
import dev.embedgate.provider.http.VectorListAnswer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hugging Face feature extraction: {@code POST {endpoint}/hf-inference/models/{model}/pipeline/feature-extraction} on
 * the inference router, or {@code POST {endpoint}/models/{model}} on the legacy Inference API (see
 * {@link HuggingFaceUrls}), with {@code {"inputs": […], "normalize": …, "truncate": …}}. A cold model answers 503
 * with {@code estimated_time}; that becomes a retryable {@code SERVER_ERROR} whose retry-after is the estimate
 * (capped), unless {@link HuggingFaceOptions#waitForModel()} asks the router to wait instead. The router does not say
 * which inputs it truncated, so none are reported; token usage is estimated. Nothing is loaded ahead: a cold model on
 * the router loads on the first call. Thread-safe.
 */
public final class HuggingFaceProvider extends RemoteProvider {

    /** Named {@code huggingface/<model>}, with {@link HuggingFaceOptions#DEFAULT}. */
    public HuggingFaceProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("huggingface/" + model.wireName(), model, endpoint, HuggingFaceOptions.DEFAULT);
    }

    /**
     * @param endpoint the router, e.g. {@code https://router.huggingface.co}, or the legacy API, with the HF token
     */
    public HuggingFaceProvider(String name, RemoteModel model, RemoteEndpoint endpoint, HuggingFaceOptions options) {
        super(name, requireModelId(model), endpoint,
                HuggingFaceUrls.featureExtraction(endpoint.baseUrl(), model.wireName()),
                headers(endpoint, options), loadingAware(options.maxLoadingWait()));
    }

    /** The token as {@code Authorization: Bearer}, and {@code X-wait-for-model} when the options ask for it. */
    static Map<String, String> headers(RemoteEndpoint endpoint, HuggingFaceOptions options) {
        var headers = new HashMap<>(bearerHeaders(endpoint));
        if (options.waitForModel()) {
            headers.put("X-wait-for-model", "true");
        }
        return Map.copyOf(headers);
    }

    /** The model, checked before anything is opened for it: both APIs address it by its id in the path. */
    private static RemoteModel requireModelId(RemoteModel model) {
        if (!model.wireName().matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?")) {
            throw new IllegalArgumentException("'" + model.wireName() + "' is not a Hugging Face model id (owner/name)");
        }
        return model;
    }

    /** The cap is read once, here, as the options were when the provider was made. */
    static ProviderHttpClient.ErrorMapper loadingAware(Duration cap) {
        return answer -> mapError(answer, cap);
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
    public ProviderResponse embed(ProviderRequest request) {
        List<String> texts = model().wireTexts(request);
        byte[] body = InputsRequest.body(texts, space().normalized(), request.truncate());
        return post(body, texts, VectorListAnswer.reader(texts, model()));
    }
}
