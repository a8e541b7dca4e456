package dev.embedgate.provider.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatRequest;
import dev.embedgate.provider.http.ChatOptionFields;
import dev.embedgate.provider.http.ChatWire;
import dev.embedgate.provider.http.ProviderHttpClient;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.ServerSentEvent;
import dev.embedgate.provider.http.StreamListener;
import dev.embedgate.provider.http.StreamSettings;
import dev.embedgate.provider.http.StreamedAnswer;
import dev.embedgate.provider.http.StreamSummary;
import dev.embedgate.provider.openai.OpenAiChatWire;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Cohere's {@code /v2/chat} wire: a request of {@code model, messages, stream, temperature, p, max_tokens,
 * stop_sequences}; a whole answer's {@code message.content[].text}, {@code finish_reason} and
 * {@code usage.billed_units} (what Cohere bills; {@code usage.tokens} when there are none); a streamed answer of
 * typed server-sent events ({@code message-start}, {@code content-start}, {@code content-delta} with
 * {@code delta.message.content.text}, {@code content-end}, {@code message-end} with {@code delta.finish_reason} and
 * {@code delta.usage}), where a {@code message-end} with finish reason {@code ERROR} (and {@code delta.error}) is an
 * error event. Finish reasons become OpenAI's words: {@code COMPLETE} and {@code STOP_SEQUENCE} stop,
 * {@code MAX_TOKENS} length, {@code TOOL_CALL} tool_calls, others in lower case.
 */
final class CohereChatWire implements ChatWire<ServerSentEvent> {

    static final CohereChatWire INSTANCE = new CohereChatWire();

    private static final ObjectMapper JSON = ProviderJson.mapper();
    private static final ChatOptionFields OPTIONS = new ChatOptionFields("p", "max_tokens", "stop_sequences");

    private CohereChatWire() {
    }

    @Override
    public byte[] body(String model, ChatRequest request, boolean stream) {
        return ProviderJson.object(json -> {
            json.writeStringField("model", model);
            OpenAiChatWire.writeMessages(json, request);
            json.writeBooleanField("stream", stream);
            OPTIONS.write(json, request);
        });
    }

    @Override
    public ChatCompletion readAnswer(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.path("message").isObject()) {
            throw new IOException("the answer has no 'message'");
        }
        var text = new StringBuilder();
        for (JsonNode part : root.path("message").path("content")) {
            if (part.path("type").asText("text").equals("text")) {
                text.append(part.path("text").asText(""));
            }
        }
        JsonNode usage = root.path("usage");
        return new ChatCompletion(text.toString(), finishReason(root.path("finish_reason").asText("COMPLETE")),
                tokens(usage, "input_tokens"), tokens(usage, "output_tokens"));
    }

    @Override
    public StreamSummary stream(ProviderHttpClient http, URI uri, Map<String, String> headers, byte[] body,
            StreamSettings settings, StreamListener<ServerSentEvent> listener) {
        return http.streamEvents(uri, headers, body, settings, listener);
    }

    @Override
    public EventReader<ServerSentEvent> eventReader() {
        return CohereChatWire::readEvent;
    }

    private static void readEvent(ServerSentEvent event, StreamedAnswer answer) throws IOException {
        JsonNode data = JSON.readTree(event.data());
        if (data == null || !data.isObject()) {
            throw new IOException("an event is not a JSON object");
        }
        // The type is in the data; the event name repeats it.
        String type = data.path("type").asText(event.type());
        switch (type) {
            case "content-delta" -> {
                JsonNode text = data.path("delta").path("message").path("content").path("text");
                if (text.isTextual()) {
                    answer.delta(text.asText());
                }
            }
            case "message-end" -> {
                JsonNode delta = data.path("delta");
                String reason = delta.path("finish_reason").asText("COMPLETE");
                if (reason.equalsIgnoreCase("ERROR")) {
                    throw answer.errorEvent(delta.path("error").asText("the generation failed"));
                }
                answer.finish(finishReason(reason));
                JsonNode usage = delta.path("usage");
                answer.usage(tokens(usage, "input_tokens"), tokens(usage, "output_tokens"));
                answer.end();
            }
            default -> {
                // message-start, content-start, content-end, tool and citation events carry no answer text
            }
        }
    }

    static String finishReason(String cohere) {
        return switch (cohere.toUpperCase(Locale.ROOT)) {
            case "COMPLETE", "STOP_SEQUENCE" -> "stop";
            case "MAX_TOKENS" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            default -> cohere.toLowerCase(Locale.ROOT);
        };
    }

    /** {@code billed_units.<field>}, else {@code tokens.<field>}, else -1. */
    private static long tokens(JsonNode usage, String field) {
        for (String group : new String[] {"billed_units", "tokens"}) {
            JsonNode value = usage.path(group).path(field);
            if (value.isNumber()) {
                return Math.round(value.asDouble());
            }
        }
        return -1;
    }
}
