package dev.embedgate.server.api;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.embedgate.embedding.Embeddings;
import dev.embedgate.space.VectorBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes embeddings in OpenAI's response shape, straight from the float arrays (no intermediate tree). As OpenAI
 * does, {@code model} is the name the caller sent. {@code usage.prompt_tokens} (and {@code total_tokens}) are the
 * tokens models processed, which is what is billed; {@code usage.prompt_tokens_details.cached_tokens} are the tokens
 * of the inputs the cache answered, which bill nothing. Unlike in OpenAI's chat API, where cached tokens are a part
 * of {@code prompt_tokens}, here they come in addition to it.
 */
final class EmbeddingsResponseWriter {

    private final JsonFactory factory;

    EmbeddingsResponseWriter(JsonFactory factory) {
        this.factory = factory;
    }

    /** @param requestedModel the model name as the caller sent it (an alias, say) */
    byte[] write(Embeddings embeddings, EncodingFormat format, String requestedModel) {
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
                    writeBase64(json, vectors.get(i));
                } else {
                    writeFloats(json, vectors.get(i));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("model", requestedModel);
            json.writeObjectFieldStart("usage");
            json.writeNumberField("prompt_tokens", embeddings.promptTokens());
            json.writeNumberField("total_tokens", embeddings.promptTokens());
            json.writeObjectFieldStart("prompt_tokens_details");
            json.writeNumberField("cached_tokens", embeddings.usage().savedTokens());
            json.writeEndObject();
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

    /**
     * Little-endian float32, base64 (standard alphabet, padded, no line breaks): exactly what OpenAI sends for
     * {@code encoding_format: base64}. Jackson encodes straight into its output buffer: no base64 string is built,
     * and base64 needs no escaping.
     */
    private static void writeBase64(JsonGenerator json, float[] vector) throws IOException {
        byte[] packed = VectorBytes.toBytes(vector);
        json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, packed, 0, packed.length);
    }
}
