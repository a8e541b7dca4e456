package dev.embedgate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedgate.chat.ChatMessage;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.chat.ChatCall;
import dev.embedgate.testkit.chat.ChatDialect;
import dev.embedgate.testkit.chat.ChatFrames;
import dev.embedgate.testkit.chat.ChatMessages;
import dev.embedgate.testkit.chat.SimulatedChat;
import dev.embedgate.testkit.wire.Json;
import dev.embedgate.testkit.wire.ProviderDialect;
import dev.embedgate.testkit.wire.WireReply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpenAI's {@code POST /v1/chat/completions}, which the Hugging Face router speaks too: {@code model},
 * {@code messages}, {@code max_tokens} or {@code max_completion_tokens}, {@code stop} (a string or up to 4),
 * {@code stream}, {@code stream_options.include_usage}; a whole {@code chat.completion}, or
 * {@code chat.completion.chunk} server-sent events (a first chunk with the role, one per token, one with the
 * finish reason, then the usage chunk if asked for) ended by {@code data: [DONE]}; an in-stream error is a chunk
 * {@code {"error": {"message", "type", "param", "code"}}}. Any model name is served.
 */
public final class OpenAiChatDialect implements ChatDialect {

    private final Route route;
    private final ProviderDialect<?> routeDialect;

    /** OpenAI itself. */
    public OpenAiChatDialect() {
        this(Route.OPENAI, new OpenAiDialect());
    }

    /** The same wire on another route, with that route's authentication and errors (the Hugging Face router). */
    public OpenAiChatDialect(Route route, ProviderDialect<?> routeDialect) {
        this.route = route;
        this.routeDialect = routeDialect;
    }

    @Override
    public Route route() {
        return route;
    }

    @Override
    public ProviderDialect<?> routeDialect() {
        return routeDialect;
    }

    @Override
    public ChatCall parse(byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw OpenAiErrors.invalid("We could not parse the JSON body of your request. The OpenAI API expects a "
                    + "JSON payload, but what was sent was not valid JSON.", null, null);
        }
        JsonNode model = json.get("model");
        if (model == null || !model.isTextual() || model.textValue().isBlank()) {
            throw OpenAiErrors.invalid("you must provide a model parameter", null, null);
        }
        if (!json.has("messages")) {
            throw OpenAiErrors.invalid("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        List<ChatMessage> messages = ChatMessages.of(json.get("messages"));
        if (messages == null) {
            throw OpenAiErrors.invalid("Invalid 'messages': expected a non-empty array of messages with a role and a "
                    + "content.", "messages", "invalid_value");
        }
        String limitField = json.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        Integer maxTokens = ChatMessages.positive(json.get(limitField));
        if (maxTokens != null && maxTokens < 0) {
            throw OpenAiErrors.invalid("Invalid '" + limitField + "': integer below minimum value. Expected a value >= 1.",
                    limitField, "integer_below_min_value");
        }
        List<String> stop = ChatMessages.strings(json.get("stop"));
        if (stop == null || stop.size() > 4) {
            throw OpenAiErrors.invalid("Invalid 'stop': expected a string or an array of at most 4 strings.", "stop",
                    "invalid_value");
        }
        return new ChatCall(model.textValue(), messages, maxTokens, stop, json.path("stream").asBoolean(false),
                json.path("stream_options").path("include_usage").asBoolean(false));
    }

    @Override
    public WireReply answer(ChatCall call, SimulatedChat.Answer answer) {
        var message = new LinkedHashMap<String, Object>();
        message.put("role", "assistant");
        message.put("content", answer.content());
        var choice = new LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", answer.finishReason());
        var body = new LinkedHashMap<String, Object>();
        body.put("id", "chatcmpl-" + UUID.randomUUID());
        body.put("object", "chat.completion");
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("model", call.model());
        body.put("choices", List.of(choice));
        body.put("usage", usage(answer));
        return WireReply.json(200, body);
    }

    private static Map<String, Object> usage(SimulatedChat.Answer answer) {
        return Map.of("prompt_tokens", answer.promptTokens(), "completion_tokens", answer.completionTokens(),
                "total_tokens", answer.promptTokens() + answer.completionTokens());
    }

    @Override
    public String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    @Override
    public ChatFrames frames(ChatCall call, SimulatedChat.Answer answer) {
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = System.currentTimeMillis() / 1000;
        return new ChatFrames() {
            @Override
            public byte[] opening() {
                return chunk(Map.of("role", "assistant", "content", ""), null);
            }

            @Override
            public byte[] delta(String text) {
                return chunk(Map.of("content", text), null);
            }

            @Override
            public byte[] closing() {
                var out = new StringBuilder(new String(chunk(Map.of(), answer.finishReason()), StandardCharsets.UTF_8));
                if (call.includeUsage()) {
                    out.append(event(base(List.of(), usage(answer))));
                }
                return out.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] errorEvent() {
                var error = new LinkedHashMap<String, Object>();
                error.put("message", "The server had an error while processing your request. Sorry about that!");
                error.put("type", "server_error");
                error.put("param", null);
                error.put("code", null);
                return event(Map.of("error", error)).getBytes(StandardCharsets.UTF_8);
            }

            private byte[] chunk(Map<String, Object> delta, String finishReason) {
                var choice = new LinkedHashMap<String, Object>();
                choice.put("index", 0);
                choice.put("delta", delta);
                choice.put("logprobs", null);
                choice.put("finish_reason", finishReason);
                return event(base(List.of(choice), null)).getBytes(StandardCharsets.UTF_8);
            }

            private Map<String, Object> base(List<Object> choices, Object usage) {
                var body = new LinkedHashMap<String, Object>();
                body.put("id", id);
                body.put("object", "chat.completion.chunk");
                body.put("created", created);
                body.put("model", call.model());
                body.put("choices", choices);
                if (call.includeUsage()) {
                    body.put("usage", usage);
                }
                return body;
            }
        };
    }

    private static String event(Object data) {
        return "data: " + new String(Json.write(data), StandardCharsets.UTF_8) + "\n\n";
    }
}
