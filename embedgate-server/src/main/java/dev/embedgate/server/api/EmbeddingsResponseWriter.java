package dev.embedgate.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.embedgate.embedding.Embeddings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/** Writes embeddings in OpenAI's response shape, straight from the float arrays (no intermediate tree). */
final class EmbeddingsResponseWriter {

    private final JsonFactory factory;

    EmbeddingsResponseWriter(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] write(Embeddings embeddings, EncodingFormat format) {
        List<float[]> vectors = embeddings.vectors();
        int dimensions = vectors.getFirst().length;
        int perVector = format == EncodingFormat.FLOAT ? dimensions * 12 : dimensions * 4 * 4 / 3 + 8;
        var out = new ByteArrayOutputStream(256 + vectors.size() * (perVector + 48));
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("object", "list");
            json.writeArrayFieldStart("data");
            for (int i = 0; i < vectors.size(); i++) {
                json.writeStartObject();
                json.writeStringField("object", "embedding");
                json.writeNumberField("index", i);
                json.writeFieldName("embedding");
                if (format == EncodingFormat.BASE64) {
                    json.writeString(base64(vectors.get(i)));
                } else {
                    writeFloats(json, vectors.get(i));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("model", embeddings.model());
            json.writeObjectFieldStart("usage");
            json.writeNumberField("prompt_tokens", embeddings.promptTokens());
            json.writeNumberField("total_tokens", embeddings.promptTokens());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeFloats(JsonGenerator json, float[] vector) throws IOException {
        json.writeStartArray(vector, vector.length);
        for (float value : vector) {
            json.writeNumber(value);
        }
        json.writeEndArray();
    }

    /** Little-endian float32, base64: exactly what OpenAI sends for {@code encoding_format: base64}. */
    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
