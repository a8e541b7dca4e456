package dev.embedgate.chat;

import java.util.Objects;

/**
 * A chat model as one provider serves it.
 *
 * @param wireName  the provider's name for it, sent on the wire
 * @param deadlines how long its calls may take
 */
public record ChatModel(String wireName, ChatDeadlines deadlines) {

    public ChatModel {
        Objects.requireNonNull(wireName, "wireName");
        if (wireName.isBlank()) {
            throw new IllegalArgumentException("a chat model needs a name");
        }
        Objects.requireNonNull(deadlines, "deadlines");
    }
}
