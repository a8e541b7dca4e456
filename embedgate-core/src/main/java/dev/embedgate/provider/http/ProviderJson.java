package dev.embedgate.provider.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming JSON for provider wire formats: request bodies are written token by token, and answers are read
 * straight into {@code float[]} without building a tree or boxing a number. {@code NaN} and {@code Infinity}
 * literals are accepted when reading so that such an answer is refused by name ("holds NaN") rather than as
 * unparseable.
 */
public final class ProviderJson {

    /** Buffers come from one shared pool: Jackson's default pool is per thread, and calls run on virtual threads. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .build();
    /** Standard JSON (no NaN literals) over the same shared pool, for wires that read trees or chunks. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .build());

    /** Writes one part of a request body. */
    @FunctionalInterface
    public interface BodyWriter {
        void write(JsonGenerator json) throws IOException;
    }

    private ProviderJson() {
    }

    /**
     * The mapper of every provider wire that reads trees or streamed chunks. Its buffers come from one shared pool: a
     * mapper of its own would use Jackson's per-thread pool, which on the virtual thread of each request allocates
     * new buffers for every call.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A request body: one JSON object whose fields the writer emits. */
    public static byte[] object(BodyWriter fields) {
        var out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code "name": ["a", "b", …]}. */
    public static void stringArray(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** A parser over an answer body. */
    public static JsonParser parser(byte[] body) throws IOException {
        return FACTORY.createParser(body);
    }

    /** Advances to the next token, failing on a body that ends early. */
    public static JsonToken next(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new JsonParseException(parser, "the answer ends early");
        }
        return token;
    }

    /** Fails unless the parser is on the expected token. */
    public static void expect(JsonParser parser, JsonToken expected, String what) throws IOException {
        if (parser.currentToken() != expected) {
            throw new JsonParseException(parser, "expected " + what + " but found " + describe(parser.currentToken()));
        }
    }

    /**
     * Reads an array of numbers; the parser is on its {@code [} and is left on its {@code ]}.
     *
     * @param expectedLength the usual length (a sizing hint; other lengths are read as they are)
     */
    public static float[] floatArray(JsonParser parser, int expectedLength) throws IOException {
        expect(parser, JsonToken.START_ARRAY, "an array of numbers");
        next(parser);
        return restOfFloatArray(parser, expectedLength);
    }

    /**
     * Reads an array of vectors ({@code [[…], […]]}); the parser is on the outer {@code [} and is left on its
     * {@code ]}. A deeper array (one vector per token, as a feature-extraction pipeline without pooling returns)
     * is refused with a message saying so.
     */
    public static List<float[]> vectorArray(JsonParser parser, int expectedCount, int dimensions) throws IOException {
        expect(parser, JsonToken.START_ARRAY, "an array of vectors");
        var vectors = new ArrayList<float[]>(expectedCount);
        JsonToken token;
        while ((token = next(parser)) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_ARRAY) {
                throw new JsonParseException(parser, "expected a vector (an array of numbers) but found " + describe(token));
            }
            if (parser.nextToken() == JsonToken.START_ARRAY) {
                throw new JsonParseException(parser, "the answer holds one vector per token, not one per text: "
                        + "the model is not served as a sentence-embedding (pooled) pipeline");
            }
            vectors.add(restOfFloatArray(parser, dimensions));
        }
        return vectors;
    }

    /** Like {@link #floatArray}, but the parser is already on the first element (or on the closing bracket). */
    private static float[] restOfFloatArray(JsonParser parser, int expectedLength) throws IOException {
        float[] values = new float[Math.max(expectedLength, 16)];
        int length = 0;
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = next(parser)) {
            if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
                throw new JsonParseException(parser, "expected a number in a vector but found " + describe(token));
            }
            if (length == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[length++] = parser.getFloatValue();
        }
        return length == values.length ? values : Arrays.copyOf(values, length);
    }

    /** Skips the current value (a scalar, or an object or array with everything inside it). */
    public static void skip(JsonParser parser) throws IOException {
        parser.skipChildren();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the answer";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }
}
