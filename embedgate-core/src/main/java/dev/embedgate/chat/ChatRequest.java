package dev.embedgate.chat;

import java.util.List;

/**
 * What a chat model is asked to complete; null options take the provider's defaults.
 *
 * @param messages    the conversation so far, oldest first
 * @param maxTokens   most tokens to generate
 * @param temperature sampling temperature
 * @param topP        nucleus sampling mass
 * @param stop        sequences that end the answer
 * @param user        the end user's identifier, passed on to providers that take one (OpenAI's {@code user})
 */
public record ChatRequest(List<ChatMessage> messages, Integer maxTokens, Double temperature, Double topP,
                          List<String> stop, String user) {

    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** A request of these messages with every option left to the provider. */
    public static ChatRequest of(List<ChatMessage> messages) {
        return new ChatRequest(messages, null, null, null, null, null);
    }
}
