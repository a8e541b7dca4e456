package dev.embedgate.testkit.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code messages} array every chat wire shares: {@code [{"role", "content"}]}. */
public final class ChatMessages {

    private ChatMessages() {
    }

    /**
     * The messages, or null if the node is not a non-empty array of them. A content may be a string or an array of
     * parts ({@code [{"type": "text", "text"}]}, as OpenAI and Cohere take it); the text parts are joined.
     */
    public static List<ChatMessage> of(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return null;
        }
        var messages = new ArrayList<ChatMessage>(node.size());
        for (JsonNode message : node) {
            JsonNode role = message.get("role");
            JsonNode content = message.get("content");
            if (role == null || !role.isTextual() || content == null) {
                return null;
            }
            String text;
            if (content.isTextual()) {
                text = content.textValue();
            } else if (content.isArray()) {
                var joined = new StringBuilder();
                content.forEach(part -> joined.append(part.path("text").asText("")));
                text = joined.toString();
            } else {
                return null;
            }
            messages.add(new ChatMessage(role.textValue(), text));
        }
        return messages;
    }

    /** A string or an array of strings as a list; empty if absent; null if neither. */
    public static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            return null;
        }
        var values = new ArrayList<String>();
        for (JsonNode value : node) {
            if (!value.isTextual()) {
                return null;
            }
            values.add(value.textValue());
        }
        return values;
    }

    /** A positive integer, null if absent, or -1 if it is something else. */
    public static Integer positive(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isIntegralNumber() && node.asLong() >= 1 && node.canConvertToInt() ? node.intValue() : -1;
    }
}
