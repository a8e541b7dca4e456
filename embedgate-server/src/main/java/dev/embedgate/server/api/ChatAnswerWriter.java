package dev.embedgate.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedgate.chat.ChatAnswer;
import dev.embedgate.chat.ChatCompletion;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Writes chat answers in OpenAI's shapes: a whole {@code chat.completion}, and the usage every shape carries. */
final class ChatAnswerWriter {

    private final ObjectMapper json;

    ChatAnswerWriter(ObjectMapper json) {
        this.json = json;
    }

    /** An id in OpenAI's form, {@code chatcmpl-} and 24 hexadecimal digits. */
    /** 24 random hex digits, as OpenAI's ids have; unguessable they need not be (UUID's SecureRandom was a hot spot). */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "chatcmpl-" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextInt());
    }

    ObjectNode whole(ChatAnswer answer, String id, long created) {
        ChatCompletion completion = answer.completion();
        ObjectNode body = json.createObjectNode();
        body.put("id", id);
        body.put("object", "chat.completion");
        body.put("created", created);
        body.put("model", answer.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", completion.content());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(completion));
        body.set("usage", usage(completion));
        return body;
    }

    ObjectNode usage(ChatCompletion completion) {
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", completion.inputTokens());
        usage.put("completion_tokens", completion.outputTokens());
        usage.put("total_tokens", completion.inputTokens() + completion.outputTokens());
        return usage;
    }

    static String finishReason(ChatCompletion completion) {
        return completion.finishReason() == null ? "stop" : completion.finishReason();
    }

    ObjectMapper json() {
        return json;
    }
}
