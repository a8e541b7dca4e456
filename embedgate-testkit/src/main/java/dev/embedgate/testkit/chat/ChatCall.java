package dev.embedgate.testkit.chat;

import dev.embedgate.chat.ChatMessage;
import java.util.List;

/**
 * A readable chat request, in the simulator's terms whatever the route.
 *
 * @param model        the model asked for
 * @param messages     the conversation
 * @param maxTokens    the token limit, or null
 * @param stop         stop sequences
 * @param stream       whether the answer is to be streamed
 * @param includeUsage OpenAI's {@code stream_options.include_usage}: a streamed answer ends with a usage chunk
 */
public record ChatCall(String model, List<ChatMessage> messages, Integer maxTokens, List<String> stop, boolean stream,
                       boolean includeUsage) {

    public ChatCall {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** What the simulated model answers to it. */
    public SimulatedChat.Answer answer() {
        return SimulatedChat.answer(messages, maxTokens, stop);
    }
}
