package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.chat.ChatMessage;
import dev.embedgate.chat.ChatRequest;
import dev.embedgate.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads OpenAI's chat completion request. What EmbedGate passes on is read and checked; fields it cannot honour
 * (tools, images, logprobs, several choices, response formats, …) are refused by name with a 400 rather than
 * silently dropped, since an answer that ignored them would look right and be wrong. Fields sent as null count as
 * absent, as OpenAI's own SDKs send them.
 */
final class ChatRequestParser {

    static final int MAX_MESSAGES = 10_000;
    private static final int MAX_STOP_SEQUENCES = 4;
    private static final Set<String> SUPPORTED = Set.of("model", "messages", "temperature", "top_p", "max_tokens",
            "max_completion_tokens", "stop", "user", "stream", "stream_options", "n");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    ChatCall parse(JsonNode body) {
        body.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field) && !body.get(field).isNull()) {
                throw new InvalidRequestException("'" + field + "' is not supported by EmbedGate's chat completions; "
                        + "supported fields: " + String.join(", ", new TreeSet<>(SUPPORTED)), field,
                        "unsupported_parameter");
            }
        });
        String model = JsonFields.string(body, "model", "model");
        if (model == null || model.isBlank()) {
            throw new InvalidRequestException("'model' is required: the chat model to answer with", "model");
        }
        Integer n = JsonFields.integer(body, "n", "n");
        if (n != null && n != 1) {
            throw new InvalidRequestException("'n' must be 1: EmbedGate answers with one choice", "n",
                    "unsupported_parameter");
        }
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(body, "stream", "stream"));
        JsonNode options = JsonFields.object(body, "stream_options", "stream_options");
        boolean includeUsage = false;
        if (options != null) {
            if (!stream) {
                throw new InvalidRequestException("'stream_options' is only allowed when 'stream' is true",
                        "stream_options");
            }
            JsonFields.onlyKnown(options, Set.of("include_usage"));
            includeUsage = Boolean.TRUE.equals(JsonFields.bool(options, "include_usage", "stream_options.include_usage"));
        }
        var request = new ChatRequest(messages(body), maxTokens(body), between(body, "temperature", 0, 2),
                topP(body), stop(body), JsonFields.string(body, "user", "user"));
        return new ChatCall(model, request, stream, includeUsage);
    }

    private static List<ChatMessage> messages(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw new InvalidRequestException("'messages' is required: the conversation to complete", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw new InvalidRequestException("'messages' must be a non-empty array of messages", "messages");
        }
        if (messages.size() > MAX_MESSAGES) {
            throw new InvalidRequestException("'messages' holds " + messages.size() + " messages; at most "
                    + MAX_MESSAGES, "messages", "too_many_items");
        }
        var parsed = new ArrayList<ChatMessage>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            parsed.add(message(messages.get(i), "messages[" + i + "]"));
        }
        return parsed;
    }

    private static ChatMessage message(JsonNode message, String param) {
        if (!message.isObject()) {
            throw new InvalidRequestException("'" + param + "' must be an object with 'role' and 'content'", param);
        }
        String role = JsonFields.string(message, "role", param + ".role");
        if (role == null || !ROLES.contains(role.toLowerCase(Locale.ROOT))) {
            throw new InvalidRequestException("'" + param + ".role' must be one of system, developer, user or "
                    + "assistant" + (role == null ? "" : ", not '" + role + "'") + (role != null && (role.equals("tool")
                    || role.equals("function")) ? " (tools are not supported)" : ""), param + ".role");
        }
        message.fieldNames().forEachRemaining(field -> {
            if (!field.equals("role") && !field.equals("content") && !field.equals("name")
                    && !message.get(field).isNull()) {
                throw new InvalidRequestException("'" + param + "." + field + "' is not supported by EmbedGate's chat "
                        + "completions (messages carry role, content and name)", param + "." + field,
                        "unsupported_parameter");
            }
        });
        JsonFields.string(message, "name", param + ".name");
        String normalized = role.toLowerCase(Locale.ROOT);
        // OpenAI's newer name for system instructions; every provider here knows them as system.
        return new ChatMessage(normalized.equals("developer") ? "system" : normalized, content(message, param));
    }

    /** A string, or an array of text parts joined (images and audio are refused). */
    private static String content(JsonNode message, String param) {
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            throw new InvalidRequestException("'" + param + ".content' is required", param + ".content");
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        if (!content.isArray()) {
            throw new InvalidRequestException("'" + param + ".content' must be a string or an array of text parts",
                    param + ".content");
        }
        var text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partParam = param + ".content[" + i + "]";
            String type = part.isObject() ? JsonFields.string(part, "type", partParam + ".type") : null;
            if (!"text".equals(type)) {
                throw new InvalidRequestException("'" + partParam + "' must be a text part ({\"type\": \"text\", "
                        + "\"text\": …}); " + (type == null ? "" : "'" + type + "' parts are not supported"), partParam,
                        "unsupported_parameter");
            }
            String partText = JsonFields.string(part, "text", partParam + ".text");
            if (partText == null) {
                throw new InvalidRequestException("'" + partParam + ".text' is required", partParam + ".text");
            }
            text.append(partText);
        }
        return text.toString();
    }

    private static Integer maxTokens(JsonNode body) {
        Integer maxTokens = JsonFields.integer(body, "max_tokens", "max_tokens");
        Integer maxCompletion = JsonFields.integer(body, "max_completion_tokens", "max_completion_tokens");
        if (maxTokens != null && maxCompletion != null && !maxTokens.equals(maxCompletion)) {
            throw new InvalidRequestException("'max_tokens' and 'max_completion_tokens' say different things; send one",
                    "max_completion_tokens");
        }
        Integer chosen = maxCompletion != null ? maxCompletion : maxTokens;
        if (chosen != null && chosen < 1) {
            throw new InvalidRequestException("'" + (maxCompletion != null ? "max_completion_tokens" : "max_tokens")
                    + "' must be at least 1, was " + chosen, maxCompletion != null ? "max_completion_tokens" : "max_tokens");
        }
        return chosen;
    }

    private static Double between(JsonNode body, String field, double min, double max) {
        Double value = JsonFields.number(body, field, field);
        if (value != null && (value < min || value > max)) {
            throw new InvalidRequestException("'" + field + "' must be between " + (int) min + " and " + (int) max
                    + ", was " + value, field);
        }
        return value;
    }

    private static Double topP(JsonNode body) {
        Double value = JsonFields.number(body, "top_p", "top_p");
        if (value != null && (value <= 0 || value > 1)) {
            throw new InvalidRequestException("'top_p' must be more than 0 and at most 1, was " + value, "top_p");
        }
        return value;
    }

    private static List<String> stop(JsonNode body) {
        JsonNode stop = body.get("stop");
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        List<String> sequences = stop.isTextual() ? List.of(stop.textValue())
                : JsonFields.strings(body, "stop", "stop", MAX_STOP_SEQUENCES);
        if (sequences.stream().anyMatch(String::isEmpty)) {
            throw new InvalidRequestException("'stop' sequences cannot be empty", "stop");
        }
        return sequences;
    }
}
