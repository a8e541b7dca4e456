package dev.embedgate.provider.ollama;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProvider;
import java.io.IOException;
import java.util.List;

/**
 * An Ollama server's {@code POST {host}/api/embed} with {@code {"model", "input": […], "truncate", "options":
 * {"num_ctx": …}}}. The context length is sent as the space's token limit, so that Ollama truncates where the
 * space says (all-minilm at 256, as sentence-transformers does, rather than at its GGUF's 512); a server shared
 * with clients using another {@code num_ctx} may reload the model when they alternate. Usage is Ollama's
 * {@code prompt_eval_count}. The host comes from {@code OLLAMA_HOST} ({@link OllamaHost}). No credential is sent
 * unless one is configured (for an Ollama behind an authenticating proxy). Ollama loads a model on its first call
 * (and unloads it when idle), so nothing is sent ahead. Thread-safe.
 */
public final class OllamaProvider extends RemoteProvider {

    /** Named {@code ollama/<model>}. */
    public OllamaProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("ollama/" + model.wireName(), model, endpoint);
    }

    /** @param endpoint the server, e.g. {@link OllamaHost#DEFAULT} */
    public OllamaProvider(String name, RemoteModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, "/api/embed");
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        List<String> texts = model().wireTexts(request);
        byte[] body = ProviderJson.object(json -> {
            json.writeStringField("model", model().wireName());
            ProviderJson.stringArray(json, "input", texts);
            json.writeBooleanField("truncate", request.truncate());
            if (model().shortened()) {
                json.writeNumberField("dimensions", space().dimensions());
            }
            json.writeObjectFieldStart("options");
            json.writeNumberField("num_ctx", space().maxTokens());
            json.writeEndObject();
        });
        return post(body, texts, (bytes, answerHeaders) -> read(bytes, texts));
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
                    vectors = ProviderJson.vectorArray(json, texts.size(), space().dimensions());
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
        return new ProviderResponse(vectors, tokens >= 0 ? tokens : model().countTokens(texts), List.of());
    }
}
