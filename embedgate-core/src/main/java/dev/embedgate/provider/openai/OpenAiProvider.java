package dev.embedgate.provider.openai;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.embedgate.error.InvalidRequestException;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.TiktokenCounter;
import dev.embedgate.provider.http.ErrorAnswer;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.RemoteProvider;
import dev.embedgate.space.InputType;
import dev.embedgate.space.VectorBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI's {@code POST /embeddings}, and any server speaking it: Azure OpenAI ({@link OpenAiOptions#azure}), vLLM,
 * TEI's {@code /v1}, Infinity, LM Studio, Ollama's {@code /v1}. Vectors are asked for as base64 (a third of the
 * bytes of JSON floats, and exact); {@code dimensions} is sent only when the space is shorter than the model's
 * native length. For models counted with OpenAI's tokenizer, over-long texts are cut here to the space's token
 * limit (OpenAI refuses them rather than truncating) and reported as truncated, and inputs the caller sent as token
 * ids go on as ids (cut the same way). Thread-safe.
 */
public final class OpenAiProvider extends RemoteProvider {

    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    private final OpenAiOptions options;

    /** OpenAI (or a compatible server at the endpoint), named {@code openai/<model>}. */
    public OpenAiProvider(RemoteModel model, RemoteEndpoint endpoint) {
        this("openai/" + model.wireName(), model, endpoint, OpenAiOptions.DEFAULT);
    }

    /**
     * @param name     the provider's name in routes, metrics and messages (distinct per server)
     * @param endpoint the base URL up to, not including, {@code /embeddings} (e.g. {@code https://api.openai.com/v1})
     */
    public OpenAiProvider(String name, RemoteModel model, RemoteEndpoint endpoint, OpenAiOptions options) {
        super(name, model, endpoint,
                endpoint.resolve("/embeddings", options.apiVersion() == null ? null : "api-version=" + options.apiVersion()),
                headers(endpoint, options), ErrorAnswer::toException);
        this.options = options;
    }

    private OpenAiProvider(OpenAiProvider full, RemoteModel otherLength) {
        super(full, otherLength);
        this.options = full.options;
    }

    @Override
    protected Optional<EmbeddingProvider> reshaped(RemoteModel otherLength) {
        return Optional.of(new OpenAiProvider(this, otherLength));
    }

    /** The key as {@code Authorization: Bearer} (OpenAI) or as {@code api-key} (Azure). */
    static Map<String, String> headers(RemoteEndpoint endpoint, OpenAiOptions options) {
        return endpoint.key()
                .map(key -> options.auth() == OpenAiOptions.Auth.BEARER
                        ? Map.of("Authorization", "Bearer " + key.reveal())
                        : Map.of("api-key", key.reveal()))
                .orElse(Map.of());
    }

    /** Its tokenizer is cl100k_base and it adds no prefix: ids it is sent are exactly what the model is to read. */
    @Override
    public boolean readsTokenIds() {
        return model().tokenCounter() instanceof TiktokenCounter && space().prefixFor(InputType.QUERY).isEmpty()
                && space().prefixFor(InputType.DOCUMENT).isEmpty();
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        boolean sendIds = request.isTokenInput() && readsTokenIds();
        List<String> texts = sendIds ? List.of() : new ArrayList<>(model().wireTexts(request));
        List<int[]> ids = sendIds ? new ArrayList<>(request.tokenIds()) : List.of();
        List<Integer> truncated = sendIds ? truncateIds(ids, request.truncate()) : truncate(texts, request.truncate());
        int count = request.texts().size();
        byte[] body = ProviderJson.object(json -> {
            json.writeStringField("model", model().wireName());
            if (sendIds) {
                json.writeArrayFieldStart("input");
                for (int[] input : ids) {
                    json.writeArray(input, 0, input.length);
                }
                json.writeEndArray();
            } else {
                ProviderJson.stringArray(json, "input", texts);
            }
            json.writeStringField("encoding_format", options.encoding() == OpenAiOptions.Encoding.BASE64 ? "base64" : "float");
            if (model().shortened()) {
                json.writeNumberField("dimensions", space().dimensions());
            }
        });
        Answer answer = postRaw(body, (bytes, responseHeaders) -> read(bytes, count)
                .withPause(RateLimitHeaders.exhaustedFor(responseHeaders).orElse(null)));
        long tokens = answer.promptTokens() >= 0 ? answer.promptTokens()
                : sendIds ? ids.stream().mapToLong(input -> input.length).sum() : model().countTokens(texts);
        return validated(new ProviderResponse(answer.vectors(), tokens, truncated, answer.pause()), count);
    }

    /** Cuts over-long token-id inputs in place to the model's limit, as texts are cut; returns the positions cut. */
    private List<Integer> truncateIds(List<int[]> ids, boolean allowed) {
        var cut = new ArrayList<Integer>();
        int maxTokens = space().maxTokens();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).length > maxTokens) {
                if (!allowed) {
                    throw InvalidRequestException.forInput(i, "has " + ids.get(i).length + " token ids, more than the "
                            + maxTokens + " tokens that " + model().wireName() + " reads; shorten it or allow "
                            + "truncation", "input_too_long");
                }
                ids.set(i, Arrays.copyOf(ids.get(i), maxTokens));
                cut.add(i);
            }
        }
        return cut;
    }

    /** Cuts over-long texts in place when the model's tokenizer is known; returns the positions cut. */
    private List<Integer> truncate(List<String> texts, boolean allowed) {
        if (!(model().tokenCounter() instanceof TiktokenCounter tokenizer)) {
            return List.of();   // another tokenizer: the server applies its own limit
        }
        var cut = new ArrayList<Integer>();
        int maxTokens = space().maxTokens();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            String fitting = tokenizer.truncate(text, maxTokens);
            if (fitting.length() != text.length()) {
                if (!allowed) {
                    throw InvalidRequestException.forInput(i, "is longer than the " + maxTokens + " tokens that "
                            + model().wireName() + " reads; shorten it or allow truncation", "input_too_long");
                }
                texts.set(i, fitting);
                cut.add(i);
            }
        }
        return cut;
    }

    private record Answer(List<float[]> vectors, long promptTokens, Duration pause) {

        Answer withPause(Duration upstreamPause) {
            return new Answer(vectors, promptTokens, upstreamPause);
        }
    }

    /** {@code {"data": [{"index": 0, "embedding": "<base64>" | [floats]}, …], "usage": {"prompt_tokens": n}}} */
    private Answer read(byte[] body, int expectedCount) throws IOException {
        float[][] slots = new float[expectedCount][];
        int received = 0;
        long promptTokens = -1;
        int dimensions = space().dimensions();
        try (JsonParser json = ProviderJson.parser(body)) {
            ProviderJson.next(json);
            ProviderJson.expect(json, JsonToken.START_OBJECT, "a JSON object");
            while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                ProviderJson.next(json);
                switch (field) {
                    case "data" -> {
                        ProviderJson.expect(json, JsonToken.START_ARRAY, "'data' to be an array");
                        while (ProviderJson.next(json) != JsonToken.END_ARRAY) {
                            Item item = readItem(json, dimensions);
                            int index = item.index() >= 0 ? item.index() : received;
                            received++;
                            if (index >= expectedCount) {
                                throw invalid("returned a vector for index " + index + " but only " + expectedCount
                                        + " inputs were sent");
                            }
                            if (slots[index] != null) {
                                throw invalid("returned two vectors for index " + index);
                            }
                            slots[index] = item.vector();
                        }
                    }
                    case "usage" -> promptTokens = readPromptTokens(json);
                    default -> ProviderJson.skip(json);
                }
            }
        }
        if (received != expectedCount) {
            throw invalid("returned " + received + " vectors for " + expectedCount + " inputs");
        }
        return new Answer(Arrays.asList(slots), promptTokens, null);
    }

    private record Item(int index, float[] vector) {
    }

    private static Item readItem(JsonParser json, int dimensions) throws IOException {
        ProviderJson.expect(json, JsonToken.START_OBJECT, "an embedding object");
        int index = -1;
        float[] vector = null;
        while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = ProviderJson.next(json);
            switch (field) {
                case "index" -> index = json.getIntValue();
                case "embedding" -> vector = value == JsonToken.VALUE_STRING
                        ? base64Vector(json, dimensions)
                        : ProviderJson.floatArray(json, dimensions);
                default -> ProviderJson.skip(json);
            }
        }
        if (vector == null) {
            throw new JsonParseException(json, "an item of 'data' has no 'embedding'");
        }
        return new Item(index, vector);
    }

    /**
     * A base64 string of packed little-endian float32 values, decoded by the parser straight into a buffer of the
     * expected size (no intermediate builder or copy of the bytes).
     */
    private static float[] base64Vector(JsonParser json, int dimensions) throws IOException {
        var bytes = new PackedFloats(VectorBytes.length(dimensions));
        json.readBinaryValue(BASE64, bytes);
        return bytes.toVector();
    }

    /** The decoded bytes of one vector; grows if the answer holds more values than the space (refused later). */
    private static final class PackedFloats extends ByteArrayOutputStream {

        PackedFloats(int expectedBytes) {
            super(expectedBytes);
        }

        float[] toVector() {
            return VectorBytes.fromBytes(buf, 0, count);
        }
    }

    private static long readPromptTokens(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            ProviderJson.skip(json);
            return -1;
        }
        long tokens = -1;
        while (ProviderJson.next(json) == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = ProviderJson.next(json);
            if (field.equals("prompt_tokens") && value == JsonToken.VALUE_NUMBER_INT) {
                tokens = json.getLongValue();
            } else {
                ProviderJson.skip(json);
            }
        }
        return tokens;
    }

    private ProviderCallException invalid(String message) {
        return new ProviderCallException(name(), Kind.INVALID_RESPONSE, 200, name() + ": " + message);
    }
}
