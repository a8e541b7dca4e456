package dev.embedgate.provider.ollama;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.embedgate.provider.AnswerValidator;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.ProviderHttpClient;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.space.EmbeddingSpace;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An Ollama server's {@code POST {host}/api/embed} with {@code {"model", "input": […], "truncate", "options":
 * {"num_ctx": …}}}. The context length is sent as the space's token limit, so that Ollama truncates where the
 * space says (all-minilm at 256, as sentence-transformers does, rather than at its GGUF's 512); a server shared
 * with clients using another {@code num_ctx} may reload the model when they alternate. Usage is Ollama's
 * {@code prompt_eval_count}. The host comes from {@code OLLAMA_HOST} ({@link OllamaHost}). No credential is sent
 * unless one is configured (for an Ollama behind an authenticating proxy). Thread-safe.
 */
public final class OllamaProvider implements EmbeddingProvider {

    private final String name;
    private final RemoteModel model;
    private final ProviderHttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final AnswerValidator validator = new AnswerValidator();

    /** Named {@code ollama/<model>}. */
    public OllamaProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("ollama/" + model.wireName(), model, endpoint);
    }

    /** @param endpoint the server, e.g. {@link OllamaHost#DEFAULT} */
    public OllamaProvider(String name, RemoteModel model, RemoteEndpoint endpoint) {
        this.name = name;
        this.model = model;
        this.http = new ProviderHttpClient(name, endpoint);
        this.uri = endpoint.resolve("/api/embed", null);
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
            json.writeStringField("model", model.wireName());
            ProviderJson.stringArray(json, "input", texts);
            json.writeBooleanField("truncate", request.truncate());
            if (model.shortened()) {
                json.writeNumberField("dimensions", model.space().dimensions());
            }
            json.writeObjectFieldStart("options");
            json.writeNumberField("num_ctx", model.space().maxTokens());
            json.writeEndObject();
        });
        ProviderResponse response = http.postJson(uri, headers, body, (bytes, answerHeaders) -> read(bytes, texts));
        validator.validate(response, texts.size(), this);
        return response;
    }

    /** {@code {"model": …, "embeddings": [[…], …], "prompt_eval_count": n, …}} */
    private ProviderResponse read(byte[] body, List<String> texts) throws IOException {
        List<float[]> vectors = null;
        long tokens = -1;
        try (JsonParser json = ProviderJson.parser(body)) {
            ProviderJson.next(json);
            ProviderJson.expect(json, JsonToken.START_OBJECT, "a JSON object");
            while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = ProviderJson.next(json);
                if (field.equals("embeddings")) {
                    vectors = ProviderJson.vectorArray(json, texts.size(), model.space().dimensions());
                } else if (field.equals("prompt_eval_count") && value == JsonToken.VALUE_NUMBER_INT) {
                    tokens = json.getLongValue();
                } else {
                    ProviderJson.skip(json);
                }
            }
            if (vectors == null) {
                throw new JsonParseException(json, "the answer has no 'embeddings'");
            }
        }
        return new ProviderResponse(vectors, tokens >= 0 ? tokens : model.countTokens(texts), List.of());
    }

    @Override
    public boolean ready() {
        return true;
    }

    /** Ollama loads a model on its first call (and unloads it when idle); nothing is sent ahead. */
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
