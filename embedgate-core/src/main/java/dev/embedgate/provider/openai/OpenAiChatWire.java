package dev.embedgate.provider.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatMessage;
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
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * OpenAI's chat completions wire, which OpenAI, the Hugging Face router, vLLM, TGI and LM Studio all speak: a request
 * of {@code model, messages, temperature, top_p, max_tokens, stop, user, stream} (and, streaming,
 * {@code stream_options: {include_usage: true}}, so that the last chunk carries usage); a whole answer's
 * {@code choices[0].message.content}, {@code finish_reason} and {@code usage}; a streamed answer's chunks, each
 * {@code choices[0].delta.content}, ended by {@code data: [DONE]}, and an {@code {"error": …}} chunk as an error
 * event. The limit is sent as {@code max_tokens}, not OpenAI's newer {@code max_completion_tokens}: every compatible
 * server reads the former, several do not know the latter, and OpenAI still accepts it for its chat models (its
 * reasoning models alone refuse it). Finish reasons are already OpenAI's words.
 */
public final class OpenAiChatWire implements ChatWire<ServerSentEvent> {

    /** One instance serves every provider. */
    public static final OpenAiChatWire INSTANCE = new OpenAiChatWire();

    private static final ObjectMapper JSON = ProviderJson.mapper();
    private static final ChatOptionFields OPTIONS = new ChatOptionFields("top_p", "max_tokens", "stop");

    private OpenAiChatWire() {
    }

    @Override
    public byte[] body(String model, ChatRequest request, boolean stream) {
        return ProviderJson.object(json -> {
            json.writeStringField("model", model);
            writeMessages(json, request);
            OPTIONS.write(json, request);
            if (request.user() != null) {
                json.writeStringField("user", request.user());
            }
            json.writeBooleanField("stream", stream);
            if (stream) {
                json.writeObjectFieldStart("stream_options");
                json.writeBooleanField("include_usage", true);
                json.writeEndObject();
            }
        });
    }

    /** {@code "messages": [{"role", "content"}, …]}, as OpenAI, Ollama and Cohere v2 all take them. */
    public static void writeMessages(JsonGenerator json, ChatRequest request) throws IOException {
        json.writeArrayFieldStart("messages");
        for (ChatMessage message : request.messages()) {
            json.writeStartObject();
            json.writeStringField("role", message.role());
            json.writeStringField("content", message.content());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** {@code {"choices": [{"message": {"content"}, "finish_reason"}], "usage": {"prompt_tokens", "completion_tokens"}}} */
    @Override
    public ChatCompletion readAnswer(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw new IOException("the answer has no 'choices'");
        }
        JsonNode usage = root.path("usage");
        return new ChatCompletion(choice.path("message").path("content").asText(""),
                choice.path("finish_reason").asText("stop"), count(usage, "prompt_tokens"), count(usage, "completion_tokens"));
    }

    @Override
    public StreamSummary stream(ProviderHttpClient http, URI uri, Map<String, String> headers, byte[] body,
            StreamSettings settings, StreamListener<ServerSentEvent> listener) {
        return http.streamEvents(uri, headers, body, settings, listener);
    }

    /** Chunks: {@code choices[0].delta.content}, {@code choices[0].finish_reason}, {@code usage} (the last chunk). */
    @Override
    public EventReader<ServerSentEvent> eventReader() {
        var chunks = new OpenAiChunkReader();
        return new EventReader<>() {
            @Override
            public void read(ServerSentEvent event, StreamedAnswer answer) throws IOException {
                readEvent(chunks.read(event), answer);
            }

            @Override
            public void close() {
                chunks.close();
            }
        };
    }

    private static void readEvent(OpenAiChunkReader.Chunk chunk, StreamedAnswer answer) {
        if (chunk.error() != null) {
            throw answer.errorEvent(chunk.error());
        }
        answer.delta(chunk.content());
        if (chunk.finishReason() != null) {
            answer.finish(chunk.finishReason());
        }
        if (chunk.promptTokens() >= 0 || chunk.completionTokens() >= 0) {
            answer.usage(chunk.promptTokens(), chunk.completionTokens());
        }
    }

    private static long count(JsonNode usage, String field) {
        JsonNode value = usage.path(field);
        return value.isNumber() ? value.asLong() : -1;
    }
}
