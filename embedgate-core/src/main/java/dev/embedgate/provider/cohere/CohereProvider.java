package dev.embedgate.provider.cohere;

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
import dev.embedgate.space.InputType;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Cohere's {@code POST {baseUrl}/v2/embed} with {@code texts}, {@code input_type} ({@code search_query} for
 * queries, {@code search_document} for documents: Cohere embeds the two sides differently, within one space),
 * {@code embedding_types: ["float"]} and {@code truncate: "END"} (or {@code "NONE"} when truncation is not
 * allowed). Usage is Cohere's billed {@code meta.billed_units.input_tokens}. Cohere does not say which inputs it
 * truncated, so none are reported. Thread-safe.
 */
public final class CohereProvider implements EmbeddingProvider {

    private final String name;
    private final RemoteModel model;
    private final ProviderHttpClient http;
    private final URI uri;
    private final Map<String, String> headers;
    private final AnswerValidator validator = new AnswerValidator();

    /** Named {@code cohere/<model>}. */
    public CohereProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("cohere/" + model.wireName(), model, endpoint);
    }

    /** @param endpoint e.g. {@code https://api.cohere.com} (the path {@code /v2/embed} is appended) */
    public CohereProvider(String name, RemoteModel model, RemoteEndpoint endpoint) {
        this.name = name;
        this.model = model;
        this.http = new ProviderHttpClient(name, endpoint);
        this.uri = endpoint.resolve("/v2/embed", null);
        this.headers = endpoint.key().map(key -> Map.of("Authorization", "Bearer " + key.reveal())).orElse(Map.of());
    }

    /** Cohere's name for the side of retrieval a text is on. */
    static String wireInputType(InputType type) {
        return switch (type) {
            case QUERY -> "search_query";
            case DOCUMENT -> "search_document";
        };
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
            ProviderJson.stringArray(json, "texts", texts);
            json.writeStringField("input_type", wireInputType(request.inputType()));
            ProviderJson.stringArray(json, "embedding_types", List.of("float"));
            json.writeStringField("truncate", request.truncate() ? "END" : "NONE");
            if (model.shortened()) {
                json.writeNumberField("output_dimension", model.space().dimensions());
            }
        });
        ProviderResponse response = http.postJson(uri, headers, body, (bytes, answerHeaders) -> read(bytes, texts));
        validator.validate(response, texts.size(), this);
        return response;
    }

    /** {@code {"embeddings": {"float": [[…], …]}, "meta": {"billed_units": {"input_tokens": n}}, …}} */
    private ProviderResponse read(byte[] body, List<String> texts) throws IOException {
        List<float[]> vectors = null;
        long tokens = -1;
        try (JsonParser json = ProviderJson.parser(body)) {
            ProviderJson.next(json);
            ProviderJson.expect(json, JsonToken.START_OBJECT, "a JSON object");
            while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = ProviderJson.next(json);
                if (field.equals("embeddings") && value == JsonToken.START_OBJECT) {
                    while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
                        String type = json.currentName();
                        ProviderJson.next(json);
                        if (type.equals("float")) {
                            vectors = ProviderJson.vectorArray(json, texts.size(), model.space().dimensions());
                        } else {
                            ProviderJson.skip(json);
                        }
                    }
                } else if (field.equals("meta") && value == JsonToken.START_OBJECT) {
                    tokens = readBilledInputTokens(json);
                } else {
                    ProviderJson.skip(json);
                }
            }
            if (vectors == null) {
                throw new JsonParseException(json, "the answer has no 'embeddings.float'");
            }
        }
        return new ProviderResponse(vectors, tokens >= 0 ? tokens : model.countTokens(texts), List.of());
    }

    /** Within {@code meta}: {@code billed_units.input_tokens}, or -1. */
    private static long readBilledInputTokens(JsonParser json) throws IOException {
        long tokens = -1;
        while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = ProviderJson.next(json);
            if (field.equals("billed_units") && value == JsonToken.START_OBJECT) {
                while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
                    String unit = json.currentName();
                    JsonToken amount = ProviderJson.next(json);
                    if (unit.equals("input_tokens") && amount.isNumeric()) {
                        tokens = Math.round(json.getDoubleValue());
                    } else {
                        ProviderJson.skip(json);
                    }
                }
            } else {
                ProviderJson.skip(json);
            }
        }
        return tokens;
    }

    @Override
    public boolean ready() {
        return true;
    }

    /** Nothing to load; the connection opens on the first call (a warm-up call would be billed). */
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
