package dev.embedgate.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatRequest;
import dev.embedgate.provider.http.ChatOptionFields;
import dev.embedgate.provider.http.ChatWire;
import dev.embedgate.provider.http.ProviderHttpClient;
import dev.embedgate.provider.http.ProviderJson;
import dev.embedgate.provider.http.StreamListener;
import dev.embedgate.provider.http.StreamSettings;
import dev.embedgate.provider.http.StreamedAnswer;
import dev.embedgate.provider.http.StreamSummary;
import dev.embedgate.provider.openai.OpenAiChatWire;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Ollama's {@code /api/chat} wire: a request of {@code model, messages, stream, options: {temperature, top_p,
 * num_predict, stop}}; a streamed answer of newline-delimited JSON, each line {@code {"message": {"content"},
 * "done": false}} and a last one with {@code "done": true, "done_reason", "prompt_eval_count", "eval_count"} (a
 * whole answer is that last line with the whole message); an {@code {"error": "…"}} line is an error event, and a
 * body that ends without its done line a broken stream. Ollama's done reasons ({@code stop}, {@code length}) are
 * OpenAI's words.
 */
final class OllamaChatWire implements ChatWire<String> {

    static final OllamaChatWire INSTANCE = new OllamaChatWire();

    private static final ObjectMapper JSON = ProviderJson.mapper();
    private static final ChatOptionFields OPTIONS = new ChatOptionFields("top_p", "num_predict", "stop");

    private OllamaChatWire() {
    }

    @Override
    public byte[] body(String model, ChatRequest request, boolean stream) {
        return ProviderJson.object(json -> {
            json.writeStringField("model", model);
            OpenAiChatWire.writeMessages(json, request);
            json.writeBooleanField("stream", stream);
            json.writeObjectFieldStart("options");
            OPTIONS.write(json, request);
            json.writeEndObject();
        });
    }

    @Override
    public ChatCompletion readAnswer(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.path("message").isObject()) {
            throw new IOException("the answer has no 'message'");
        }
        return new ChatCompletion(root.path("message").path("content").asText(""), root.path("done_reason").asText("stop"),
                count(root, "prompt_eval_count"), count(root, "eval_count"));
    }

    @Override
    public StreamSummary stream(ProviderHttpClient http, URI uri, Map<String, String> headers, byte[] body,
            StreamSettings settings, StreamListener<String> listener) {
        return http.streamLines(uri, headers, body, settings, listener);
    }

    @Override
    public EventReader<String> eventReader() {
        return OllamaChatWire::readEvent;
    }

    private static void readEvent(String line, StreamedAnswer answer) throws IOException {
        JsonNode chunk = JSON.readTree(line);
        if (chunk == null || !chunk.isObject()) {
            throw new IOException("a line is not a JSON object");
        }
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            throw answer.errorEvent(error.asText(error.toString()));
        }
        JsonNode content = chunk.path("message").path("content");
        if (content.isTextual()) {
            answer.delta(content.asText());
        }
        if (chunk.path("done").asBoolean(false)) {
            answer.finish(chunk.path("done_reason").asText("stop"));
            answer.usage(count(chunk, "prompt_eval_count"), count(chunk, "eval_count"));
            answer.end();
        }
    }

    private static long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asLong() : -1;
    }
}
