package dev.embedgate.chat;

import java.util.Objects;

/**
 * A chat model's whole answer.
 *
 * @param content      the generated text
 * @param finishReason why generation stopped (stop, length, …) as the provider said
 * @param inputTokens  tokens of the prompt the model read
 * @param outputTokens tokens it generated
 */
public record ChatCompletion(String content, String finishReason, long inputTokens, long outputTokens) {

    public ChatCompletion {
        Objects.requireNonNull(content, "content");
    }
}
