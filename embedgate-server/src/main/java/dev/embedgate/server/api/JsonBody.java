package dev.embedgate.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.embedgate.error.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A request body as one JSON object: strict UTF-8, one JSON value (the reader should fail on trailing tokens), an
 * object. Every failure is an {@link InvalidRequestException} saying what is wrong and where.
 */
final class JsonBody {

    /** Jackson's words for where its own limit came from: noise to a client. */
    private static final Pattern JACKSON_LIMIT_SOURCE = Pattern.compile("\\s*\\(from `[^`]*`\\)");

    private JsonBody() {
    }

    /**
     * @param expected what the body should hold, for the message when it is empty (e.g. "'model' and 'input'")
     */
    static JsonNode object(ObjectReader reader, byte[] body, String expected) {
        // Most bodies are plain ASCII, valid UTF-8 as they are: they are parsed from their bytes, without a decoded
        // copy. Any other byte (or a NUL, which Jackson's encoding detection would misread) takes the strict decoder.
        boolean ascii = plainAscii(body);
        String text = ascii ? null : decodeUtf8(body);
        if (ascii ? blank(body) : text.isBlank()) {
            throw invalid("the request body is empty; send a JSON object with " + expected);
        }
        JsonNode root;
        try {
            root = ascii ? reader.readTree(body) : reader.readTree(text);
        } catch (StreamConstraintsException e) {
            // Nesting, number length, name length: the parser's limits, which carry no location.
            throw invalid("the request body exceeds a JSON limit: "
                    + JACKSON_LIMIT_SOURCE.matcher(e.getOriginalMessage()).replaceAll(""));
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw invalid("the request body is not valid JSON (" + e.getOriginalMessage() + (location == null ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr()) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
        if (!root.isObject()) {
            throw invalid("the request body must be a JSON object");
        }
        return root;
    }

    private static boolean plainAscii(byte[] body) {
        for (byte b : body) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean blank(byte[] ascii) {
        for (byte b : ascii) {
            if (!Character.isWhitespace((char) b)) {
                return false;
            }
        }
        return true;
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("the request body is not valid UTF-8; send UTF-8 encoded JSON", null,
                    "invalid_encoding");
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, null, "invalid_json");
    }
}
