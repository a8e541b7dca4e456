package dev.embedgate.testkit.cohere;

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
import dev.embedgate.testkit.wire.WireError;
import dev.embedgate.testkit.wire.WireReply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Cohere's {@code POST /v2/chat}: {@code model}, {@code messages}, {@code stream}, {@code max_tokens},
 * {@code stop_sequences}; a whole answer {@code {id, finish_reason, message: {role, content: [{type: "text", text}]},
 * usage: {billed_units, tokens}}}; a streamed answer of typed server-sent events ({@code message-start},
 * {@code content-start}, one {@code content-delta} per token, {@code content-end}, {@code message-end} with the
 * finish reason and usage). Finish reasons are Cohere's: {@code COMPLETE}, {@code STOP_SEQUENCE},
 * {@code MAX_TOKENS}; an in-stream error is a {@code message-end} with finish reason {@code ERROR} and
 * {@code delta.error}. Any model name is served.
 */
public final class CohereChatDialect implements ChatDialect {

    private final CohereDialect routeDialect = new CohereDialect();

    @Override
    public Route route() {
        return Route.COHERE;
    }

    @Override
    public ProviderDialect<?> routeDialect() {
        return routeDialect;
    }

    @Override
    public ChatCall parse(byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw invalid("invalid request: the body must be a JSON object");
        }
        JsonNode model = json.get("model");
        if (model == null || !model.isTextual() || model.textValue().isBlank()) {
            throw invalid("invalid request: model must be specified");
        }
        List<ChatMessage> messages = ChatMessages.of(json.get("messages"));
        if (messages == null) {
            throw invalid("invalid request: messages must be a non-empty array of messages with a role and content");
        }
        Integer maxTokens = ChatMessages.positive(json.get("max_tokens"));
        if (maxTokens != null && maxTokens < 0) {
            throw invalid("invalid request: max_tokens must be a positive integer");
        }
        List<String> stop = ChatMessages.strings(json.get("stop_sequences"));
        if (stop == null) {
            throw invalid("invalid request: stop_sequences must be an array of strings");
        }
        return new ChatCall(model.textValue(), messages, maxTokens, stop, json.path("stream").asBoolean(false), false);
    }

    private static WireError invalid(String message) {
        return new WireError(WireReply.json(400, Map.of("message", message)));
    }

    /** Cohere's word for the simulated answer's finish. */
    private static String finishReason(ChatCall call, SimulatedChat.Answer answer) {
        if (answer.finishReason().equals("length")) {
            return "MAX_TOKENS";
        }
        return call.stop().stream().anyMatch(stop -> !stop.isEmpty() && SimulatedChat.text(call.messages()).contains(stop))
                ? "STOP_SEQUENCE" : "COMPLETE";
    }

    private static Map<String, Object> usage(SimulatedChat.Answer answer) {
        Map<String, Object> counts = Map.of("input_tokens", answer.promptTokens(), "output_tokens", answer.completionTokens());
        return Map.of("billed_units", counts, "tokens", counts);
    }

    @Override
    public WireReply answer(ChatCall call, SimulatedChat.Answer answer) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", UUID.randomUUID().toString());
        body.put("finish_reason", finishReason(call, answer));
        body.put("message", Map.of("role", "assistant", "content", List.of(Map.of("type", "text", "text", answer.content()))));
        body.put("usage", usage(answer));
        return WireReply.json(200, body);
    }

    @Override
    public String streamContentType() {
        return "text/event-stream";
    }

    @Override
    public ChatFrames frames(ChatCall call, SimulatedChat.Answer answer) {
        String id = UUID.randomUUID().toString();
        return new ChatFrames() {
            @Override
            public byte[] opening() {
                return (event("message-start", Map.of("id", id, "type", "message-start", "delta", Map.of("message",
                        Map.of("role", "assistant", "content", List.of(), "tool_plan", "", "tool_calls", List.of(),
                                "citations", List.of()))))
                        + event("content-start", Map.of("type", "content-start", "index", 0, "delta",
                                Map.of("message", Map.of("content", Map.of("type", "text", "text", ""))))))
                        .getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] delta(String text) {
                return event("content-delta", Map.of("type", "content-delta", "index", 0, "delta",
                        Map.of("message", Map.of("content", Map.of("text", text))))).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] closing() {
                return (event("content-end", Map.of("type", "content-end", "index", 0))
                        + event("message-end", Map.of("type", "message-end", "delta",
                                Map.of("finish_reason", finishReason(call, answer), "usage", usage(answer)))))
                        .getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] errorEvent() {
                return event("message-end", Map.of("type", "message-end", "delta", Map.of("finish_reason", "ERROR",
                        "error", "internal server error, this has been reported to our developers")))
                        .getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static String event(String type, Object data) {
        return "event: " + type + "\ndata: " + new String(Json.write(data), StandardCharsets.UTF_8) + "\n\n";
    }
}
