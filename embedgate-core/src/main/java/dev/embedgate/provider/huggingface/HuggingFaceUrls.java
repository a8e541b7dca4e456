package dev.embedgate.provider.huggingface;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where feature extraction (and text classification, for rerankers) is posted, from a Hugging Face URL as people set it. Two APIs take the same body and
 * answer the same way, under different paths:
 * <ul>
 *   <li>the inference router ({@code https://router.huggingface.co}, the default):
 *       {@code {base}/hf-inference/models/{model}/pipeline/feature-extraction};</li>
 *   <li>the legacy Inference API ({@code https://api-inference.huggingface.co}, or any base URL ending in
 *       {@code /models}): {@code {base}/models/{model}}.</li>
 * </ul>
 * A URL may also name a model, as copied from a model's page: {@code …/models/{model}} (legacy) or
 * {@code …/hf-inference/models/{model}/pipeline/feature-extraction} (router). Its API shape is kept and the model
 * cut off, so that every model is posted to under the same shape.
 */
public final class HuggingFaceUrls {

    /** The legacy Inference API's host. */
    public static final String LEGACY_HOST = "api-inference.huggingface.co";

    private static final String MODEL_ID = "[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)?";
    private static final Pattern ROUTER_MODEL = Pattern.compile("(.*)/hf-inference/models/(" + MODEL_ID
            + ")(?:/pipeline/(?:feature-extraction|text-classification))?/?");
    private static final Pattern LEGACY_MODEL = Pattern.compile("(.*/models)/(" + MODEL_ID + ")/?");

    private HuggingFaceUrls() {
    }

    /** The URL a model's feature extraction is posted to, under a base URL in any of the forms above. */
    public static URI featureExtraction(URI url, String model) {
        return pipeline(url, model, "feature-extraction");
    }

    /**
     * The URL a model's text classification is posted to (a cross-encoder scoring query and document pairs):
     * {@code {base}/hf-inference/models/{model}/pipeline/text-classification} on the router, {@code {base}/models/{model}}
     * on the legacy API.
     */
    public static URI textClassification(URI url, String model) {
        return pipeline(url, model, "text-classification");
    }

    private static URI pipeline(URI url, String model, String task) {
        Named named = named(url);
        String base = named.baseUrl().toString();
        String path = named.baseUrl().getRawPath() == null ? "" : named.baseUrl().getRawPath();
        if (path.endsWith("/models")) {
            return URI.create(base + "/" + model);
        }
        String host = named.baseUrl().getHost();
        if (host != null && host.toLowerCase(Locale.ROOT).equals(LEGACY_HOST)) {
            return URI.create(base + "/models/" + model);
        }
        return URI.create(base + "/hf-inference/models/" + model + "/pipeline/" + task);
    }

    /**
     * Where chat completions (OpenAI's wire) are posted: the router's {@code {base}/v1/chat/completions}, whatever model
     * the URL names; on the legacy API's form, that model's {@code {base}/models/{model}/v1/chat/completions}.
     */
    public static URI chatCompletions(URI url, String model) {
        Named named = named(url);
        String base = named.baseUrl().toString();
        String path = named.baseUrl().getRawPath() == null ? "" : named.baseUrl().getRawPath();
        if (path.endsWith("/models")) {
            return URI.create(base + "/" + model + "/v1/chat/completions");
        }
        String host = named.baseUrl().getHost();
        if (host != null && host.toLowerCase(Locale.ROOT).equals(LEGACY_HOST)) {
            return URI.create(base + "/models/" + model + "/v1/chat/completions");
        }
        return URI.create(base + "/v1/chat/completions");
    }

    /**
     * A URL split into its base (still saying which API it is) and the model it names.
     *
     * @param baseUrl the URL without the model
     * @param model   the model the URL named, if it named one
     */
    public record Named(URI baseUrl, Optional<String> model) {
    }

    /** The URL's base and the model it names, if it names one. */
    public static Named named(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        for (Pattern pattern : new Pattern[] {ROUTER_MODEL, LEGACY_MODEL}) {
            Matcher matcher = pattern.matcher(path);
            if (matcher.matches()) {
                return new Named(URI.create(url.getScheme() + "://" + url.getRawAuthority() + matcher.group(1)),
                        Optional.of(matcher.group(2)));
            }
        }
        return new Named(url, Optional.empty());
    }
}
