package dev.embedgate.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.http.ProviderJson;
import java.io.IOException;

/**
 * Reads one streamed chunk of OpenAI's wire ({@code choices[0].delta.content}, {@code choices[0].finish_reason},
 * {@code usage}, or {@code error}) with Jackson's streaming parser, skipping everything else unread into objects: a
 * chunk comes every few milliseconds of every stream, and building a tree of each cost about a third of the
 * gateway's CPU per relayed token.
 */
final class OpenAiChunkReader {

    private static final ObjectMapper JSON = ProviderJson.mapper();

    /**
     * What a chunk said: each part null (a count -1) when it did not say it.
     *
     * @param error the message of an {@code error} member, which makes the chunk an error event
     */
    record Chunk(String content, String finishReason, long promptTokens, long completionTokens, String error) {
    }

    /** A chunk as it is read. */
    private static final class Parts {
        String content;
        String finishReason;
        long promptTokens = -1;
        long completionTokens = -1;
        String error;
    }

    private OpenAiChunkReader() {
    }

    /** @throws IOException when the data is not one JSON object */
    static Chunk read(String data) throws IOException {
        Parts chunk = new Parts();
        try (JsonParser json = JSON.createParser(data)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a chunk is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "choices" -> choices(json, value, chunk);
                    case "usage" -> usage(json, value, chunk);
                    case "error" -> chunk.error = value == JsonToken.VALUE_NULL ? null : errorMessage(json.readValueAsTree());
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new IOException("a chunk is not one JSON object");
            }
        }
        return new Chunk(chunk.content, chunk.finishReason, chunk.promptTokens, chunk.completionTokens, chunk.error);
    }

    /** An error member's message: itself when it is text, else its {@code message}, else all of it. */
    private static String errorMessage(JsonNode error) {
        return error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
    }

    /** The first choice's delta text and finish reason; later choices are skipped. */
    private static void choices(JsonParser json, JsonToken value, Parts chunk) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            json.skipChildren();
            return;
        }
        JsonToken first = json.nextToken();
        if (first == JsonToken.END_ARRAY) {
            return;
        }
        if (first == JsonToken.START_OBJECT) {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken fieldValue = json.nextToken();
                if (field.equals("delta") && fieldValue == JsonToken.START_OBJECT) {
                    chunk.content = textField(json, "content");
                } else if (field.equals("finish_reason") && fieldValue == JsonToken.VALUE_STRING) {
                    chunk.finishReason = json.getText();
                } else {
                    json.skipChildren();
                }
            }
        } else {
            json.skipChildren();
        }
        while (json.nextToken() != JsonToken.END_ARRAY) {
            json.skipChildren();
        }
    }

    private static void usage(JsonParser json, JsonToken value, Parts chunk) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken count = json.nextToken();
            boolean number = count == JsonToken.VALUE_NUMBER_INT || count == JsonToken.VALUE_NUMBER_FLOAT;
            if (field.equals("prompt_tokens") && number) {
                chunk.promptTokens = json.getValueAsLong();
            } else if (field.equals("completion_tokens") && number) {
                chunk.completionTokens = json.getValueAsLong();
            } else {
                json.skipChildren();
            }
        }
    }

    /** The named string field of the object the parser is in (null if absent or not a string); the rest is skipped. */
    private static String textField(JsonParser json, String name) throws IOException {
        String text = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals(name) && value == JsonToken.VALUE_STRING) {
                text = json.getText();
            } else {
                json.skipChildren();
            }
        }
        return text;
    }
}
