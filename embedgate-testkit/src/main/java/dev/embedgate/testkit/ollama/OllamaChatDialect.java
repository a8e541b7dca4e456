package dev.embedgate.testkit.ollama;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ollama's {@code POST /api/chat}: {@code model}, {@code messages}, {@code stream} (true unless false, as in Ollama),
 * {@code options.num_predict} and {@code options.stop}; a streamed answer of newline-delimited JSON
 * ({@code application/x-ndjson}), one {@code {"message": {"role": "assistant", "content"}, "done": false}} line per
 * token and a last line with {@code "done": true}, {@code done_reason}, {@code prompt_eval_count} and
 * {@code eval_count}; a whole answer is that last line with the whole message; an in-stream error is a line
 * {@code {"error": "…"}}. Any model name is served.
 */
public final class OllamaChatDialect implements ChatDialect {

    private final OllamaEmbedDialect routeDialect = new OllamaEmbedDialect();

    @Override
    public Route route() {
        return Route.OLLAMA;
    }

    @Override
    public ProviderDialect<?> routeDialect() {
        return routeDialect;
    }

    @Override
    public ChatCall parse(byte[] body) {
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw new WireError(OllamaErrors.error(400, "invalid character 'x' looking for beginning of value"));
        }
        JsonNode model = json.get("model");
        if (model == null || !model.isTextual() || model.textValue().isBlank()) {
            throw new WireError(OllamaErrors.error(400, "model is required"));
        }
        List<ChatMessage> messages = ChatMessages.of(json.get("messages"));
        if (messages == null) {
            throw new WireError(OllamaErrors.error(400, "messages must be an array of {role, content}"));
        }
        JsonNode options = json.path("options");
        Integer limit = ChatMessages.positive(options.get("num_predict"));
        List<String> stop = ChatMessages.strings(options.get("stop"));
        if (stop == null) {
            throw new WireError(OllamaErrors.error(400, "option \"stop\" must be of type array"));
        }
        return new ChatCall(model.textValue(), messages, limit == null || limit < 0 ? null : limit, stop,
                json.path("stream").asBoolean(true), false);
    }

    @Override
    public WireReply answer(ChatCall call, SimulatedChat.Answer answer) {
        return WireReply.json(200, last(call, answer, answer.content()));
    }

    private static Map<String, Object> line(ChatCall call, String content, boolean done) {
        var line = new LinkedHashMap<String, Object>();
        line.put("model", call.model());
        line.put("created_at", Instant.now().toString());
        line.put("message", Map.of("role", "assistant", "content", content));
        line.put("done", done);
        return line;
    }

    private static Map<String, Object> last(ChatCall call, SimulatedChat.Answer answer, String content) {
        Map<String, Object> line = line(call, content, true);
        line.put("done_reason", answer.finishReason());
        line.put("total_duration", 1_000_000L);
        line.put("load_duration", 1_000L);
        line.put("prompt_eval_count", answer.promptTokens());
        line.put("eval_count", answer.completionTokens());
        return line;
    }

    @Override
    public String streamContentType() {
        return "application/x-ndjson";
    }

    @Override
    public ChatFrames frames(ChatCall call, SimulatedChat.Answer answer) {
        return new ChatFrames() {
            @Override
            public byte[] opening() {
                return new byte[0];
            }

            @Override
            public byte[] delta(String text) {
                return ndjson(line(call, text, false));
            }

            @Override
            public byte[] closing() {
                return ndjson(last(call, answer, ""));
            }

            @Override
            public byte[] errorEvent() {
                return ndjson(Map.of("error", "an error was encountered while running the model: unexpected EOF"));
            }
        };
    }

    private static byte[] ndjson(Object line) {
        return (new String(Json.write(line), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
