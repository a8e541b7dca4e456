package dev.embedgate.provider.cohere;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProvider;
import dev.embedgate.space.InputType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Cohere's {@code POST {baseUrl}/v2/embed} with {@code texts}, {@code input_type} ({@code search_query} for
 * queries, {@code search_document} for documents: Cohere embeds the two sides differently, within one space),
 * {@code embedding_types: ["float"]}, {@code truncate: "END"} (or {@code "NONE"} when truncation is not allowed),
 * and {@code output_dimension} when the space is shorter than the model's full length. Usage is Cohere's billed
 * {@code meta.billed_units.input_tokens}. Cohere does not say which inputs it truncated, so none are reported.
 * Thread-safe.
 */
public final class CohereProvider extends RemoteProvider {

    /** Named {@code cohere/<model>}. */
    public CohereProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("cohere/" + model.wireName(), model, endpoint);
    }

    /** @param endpoint e.g. {@code https://api.cohere.com} (the path {@code /v2/embed} is appended) */
    public CohereProvider(String name, RemoteModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, "/v2/embed");
    }

    private CohereProvider(CohereProvider full, RemoteModel otherLength) {
        super(full, otherLength);
    }

    @Override
    protected Optional<EmbeddingProvider> reshaped(RemoteModel otherLength) {
        return Optional.of(new CohereProvider(this, otherLength));
    }

    /** Cohere's name for the side of retrieval a text is on. */
    static String wireInputType(InputType type) {
        return switch (type) {
            case QUERY -> "search_query";
            case DOCUMENT -> "search_document";
        };
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        List<String> texts = model().wireTexts(request);
        byte[] body = ProviderJson.object(json -> {
            json.writeStringField("model", model().wireName());
            ProviderJson.stringArray(json, "texts", texts);
            json.writeStringField("input_type", wireInputType(request.inputType()));
            ProviderJson.stringArray(json, "embedding_types", List.of("float"));
            json.writeStringField("truncate", request.truncate() ? "END" : "NONE");
            if (model().shortened()) {
                json.writeNumberField("output_dimension", space().dimensions());
            }
        });
        return post(body, texts, (bytes, answerHeaders) -> read(bytes, texts));
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
                            vectors = ProviderJson.vectorArray(json, texts.size(), space().dimensions());
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
        return new ProviderResponse(vectors, tokens >= 0 ? tokens : model().countTokens(texts), List.of());
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
}
