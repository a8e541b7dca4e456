package dev.embedgate.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.ServerSentEvent;
import java.io.IOException;

/**
 * Reads the streamed chunks of one answer on OpenAI's wire ({@code choices[0].delta.content},
 * {@code choices[0].finish_reason}, {@code usage}, or {@code error}) with Jackson's streaming parser, skipping
 * everything else unread into objects: a chunk comes every few milliseconds of every stream, and building a tree of
 * each cost about a third of the gateway's CPU per relayed token. One per stream: the chunks are fed, as the bytes that
 * arrived, to one non-blocking parser, which reads them one after the other as a sequence of JSON values, with no
 * parser, buffers and contexts made for each. A chunk that parser cannot read alone (an error member; JSON that does
 * not parse; bytes that are not UTF-8, which are read as the event-stream standard decodes them) is read on its own,
 * and the stream's parser starts afresh with the next one. Closed at the stream's end, it gives the parser's buffers
 * and the field names it learned back to the shared mapper. Not thread-safe.
 */
final class OpenAiChunkReader implements AutoCloseable {

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

    /** The fed chunk needs reading on its own; the fed parser's state is lost with it. One instance, no stack trace. */
    private static final class ReadAlone extends IOException {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final ReadAlone READ_ALONE = new ReadAlone();

    /** The stream's parser, fed one chunk after the other; null until the first, and after a chunk it could not read. */
    private JsonParser fed;

    /** @throws IOException when the data is not one JSON object */
    Chunk read(ServerSentEvent event) throws IOException {
        Chunk chunk = event.readData(this::readFed);
        return chunk != null ? chunk : readAlone(event);
    }

    /** The chunk, or null when it has to be read on its own. */
    private Chunk readFed(byte[] utf8, int offset, int length) {
        try {
            if (fed == null) {
                fed = JSON.getFactory().createNonBlockingByteArrayParser();
            }
            ((ByteArrayFeeder) fed.getNonBlockingInputFeeder()).feedInput(utf8, offset, offset + length);
            return read(fed, false);
        } catch (IOException e) {
            close();
            return null;
        }
    }

    @Override
    public void close() {
        if (fed != null) {
            try {
                fed.close();
            } catch (IOException closing) {
                // Nothing was left to read: closing only gives its buffers back.
            }
            fed = null;
        }
    }

    private static Chunk readAlone(ServerSentEvent event) throws IOException {
        try {
            return event.readData((utf8, offset, length) -> readAlone(JSON.createParser(utf8, offset, length)));
        } catch (JsonProcessingException notJsonOrNotUtf8) {
            return readAlone(JSON.createParser(event.data()));
        }
    }

    private static Chunk readAlone(JsonParser parser) throws IOException {
        try (parser) {
            return read(parser, true);
        }
    }

    /**
     * One chunk from the parser's next JSON value.
     *
     * @param alone whether the parser reads this chunk only (else it is fed one chunk after another, and an error member
     *              is left to a reader of its own, which can read it into a tree)
     */
    private static Chunk read(JsonParser json, boolean alone) throws IOException {
        Parts chunk = new Parts();
        if (next(json) != JsonToken.START_OBJECT) {
            throw new IOException("a chunk is not a JSON object");
        }
        while (next(json) == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = next(json);
            switch (field) {
                case "choices" -> choices(json, value, chunk);
                case "usage" -> usage(json, value, chunk);
                case "error" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        if (!alone) {
                            throw READ_ALONE;
                        }
                        chunk.error = errorMessage(json.readValueAsTree());
                    }
                }
                default -> skip(json, value);
            }
        }
        // Fed, the object is followed by the end of what was fed; alone, by the end of the input.
        if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != (alone ? null : JsonToken.NOT_AVAILABLE)) {
            throw new IOException("a chunk is not one JSON object");
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
            skip(json, value);
            return;
        }
        JsonToken first = next(json);
        if (first == JsonToken.END_ARRAY) {
            return;
        }
        if (first == JsonToken.START_OBJECT) {
            while (next(json) == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken fieldValue = next(json);
                if (field.equals("delta") && fieldValue == JsonToken.START_OBJECT) {
                    chunk.content = textField(json, "content");
                } else if (field.equals("finish_reason") && fieldValue == JsonToken.VALUE_STRING) {
                    chunk.finishReason = json.getText();
                } else {
                    skip(json, fieldValue);
                }
            }
        } else {
            skip(json, first);
        }
        for (JsonToken later; (later = next(json)) != JsonToken.END_ARRAY; ) {
            skip(json, later);
        }
    }

    private static void usage(JsonParser json, JsonToken value, Parts chunk) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            skip(json, value);
            return;
        }
        while (next(json) == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken count = next(json);
            boolean number = count == JsonToken.VALUE_NUMBER_INT || count == JsonToken.VALUE_NUMBER_FLOAT;
            if (field.equals("prompt_tokens") && number) {
                chunk.promptTokens = json.getValueAsLong();
            } else if (field.equals("completion_tokens") && number) {
                chunk.completionTokens = json.getValueAsLong();
            } else {
                skip(json, count);
            }
        }
    }

    /** The named string field of the object the parser is in (null if absent or not a string); the rest is skipped. */
    private static String textField(JsonParser json, String name) throws IOException {
        String text = null;
        while (next(json) == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = next(json);
            if (field.equals(name) && value == JsonToken.VALUE_STRING) {
                text = json.getText();
            } else {
                skip(json, value);
            }
        }
        return text;
    }

    /** Skips the value that starts with {@code token}, whole. */
    private static void skip(JsonParser json, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        for (int depth = 1; depth > 0; ) {
            JsonToken inside = next(json);
            if (inside == JsonToken.START_OBJECT || inside == JsonToken.START_ARRAY) {
                depth++;
            } else if (inside == JsonToken.END_OBJECT || inside == JsonToken.END_ARRAY) {
                depth--;
            }
        }
    }

    /**
     * The next token inside a chunk. A fed parser that runs out of input there was fed a chunk that ends early (Jackson's
     * own {@code skipChildren} would wait for more input forever); one that reads a chunk alone then returns null.
     */
    private static JsonToken next(JsonParser json) throws IOException {
        JsonToken token = json.nextToken();
        if (token == null || token == JsonToken.NOT_AVAILABLE) {
            throw new IOException("a chunk ends within its JSON");
        }
        return token;
    }
}
