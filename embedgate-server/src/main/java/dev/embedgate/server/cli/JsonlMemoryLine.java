package dev.embedgate.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One line of an import file read as a memory for {@code POST /v1/memories}: a JSON object with a {@code content}
 * string and optionally {@code id}, {@code namespace}, {@code metadata} (an object) and {@code importance} (a
 * number); other fields are ignored. The types are checked here, so that one malformed line is skipped rather than
 * failing its whole batch; values (lengths, ranges) are the gateway's to judge.
 *
 * <p>A line without an id gets one made from its line number and content ({@link #lineId}): importing the same
 * file again replaces those memories instead of adding copies.
 */
final class JsonlMemoryLine {

    private static final ObjectReader READER = GatewayClient.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What a line holds. */
    sealed interface Parsed {
    }

    /** A memory to save. */
    record Memory(ObjectNode memory) implements Parsed {
    }

    /** A line that is no memory, and why. */
    record Bad(String reason) implements Parsed {
    }

    /** An empty or white line: skipped without a word. */
    record Blank() implements Parsed {
    }

    private JsonlMemoryLine() {
    }

    static Parsed parse(JsonlReader.Line line) {
        if (line.tooLong()) {
            return new Bad("longer than " + JsonlReader.MAX_LINE_BYTES / (1024 * 1024) + " MiB");
        }
        if (isBlank(line.bytes())) {
            return new Blank();
        }
        JsonNode node;
        try {
            node = READER.readTree(line.bytes());
        } catch (JsonProcessingException e) {
            return new Bad("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return new Bad("not JSON (" + e.getMessage() + ")");
        }
        if (!node.isObject()) {
            return new Bad("not a JSON object");
        }
        JsonNode content = node.get("content");
        if (content == null || !content.isTextual() || content.asText().isEmpty()) {
            return new Bad("no \"content\" string (a line needs at least {\"content\": \"...\"})");
        }
        ObjectNode memory = GatewayClient.JSON.createObjectNode();
        for (String field : new String[] {"id", "namespace"}) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull()) {
                if (!value.isTextual()) {
                    return new Bad("\"" + field + "\" is not a string");
                }
                memory.set(field, value);
            }
        }
        if (!memory.has("id")) {
            memory.put("id", lineId(line.number(), content.asText()));
        }
        memory.set("content", content);
        JsonNode metadata = node.get("metadata");
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) {
                return new Bad("\"metadata\" is not a JSON object");
            }
            memory.set("metadata", metadata);
        }
        JsonNode importance = node.get("importance");
        if (importance != null && !importance.isNull()) {
            if (!importance.isNumber()) {
                return new Bad("\"importance\" is not a number");
            }
            memory.set("importance", importance);
        }
        return new Memory(memory);
    }

    /** The id of a line without one: 32 hex digits of SHA-256 over its line number and content. */
    static String lineId(long lineNumber, String content) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((lineNumber + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] hash = sha256.digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
