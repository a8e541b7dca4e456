package dev.embedgate.chat;

import java.util.Objects;

/**
 * A chat request's answer and who gave it.
 *
 * @param completion the whole answer, with its token counts
 * @param model      the chat model that answered: the one asked for, or one of its fallback models
 * @param provider   the provider that answered
 */
public record ChatAnswer(ChatCompletion completion, String model, String provider) {

    public ChatAnswer {
        Objects.requireNonNull(completion, "completion");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
    }
}
