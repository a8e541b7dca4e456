package dev.embedgate.chat;

import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role    system, user, assistant or tool
 * @param content the message's text
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
