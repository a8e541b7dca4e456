package dev.embedgate.chat;

import dev.embedgate.call.Guarded;
import java.util.List;
import java.util.Objects;

/**
 * A chat model as callers name it: the providers that serve it, tried in order, and the other chat models to fall
 * back to when all of them fail before the first token.
 *
 * @param name           the model name requests use
 * @param aliases        other accepted names
 * @param providers      tried in order; a provider is failed over only before its first token reached the caller
 * @param fallbackModels names of other chat routes, tried in order once every provider of this one failed (a local
 *                       Ollama model, typically); their own fallbacks are not followed
 */
public record ChatRoute(String name, List<String> aliases, List<Guarded<ChatProvider>> providers,
                        List<String> fallbackModels) {

    public ChatRoute {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        providers = List.copyOf(providers);
        fallbackModels = List.copyOf(fallbackModels);
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("chat model '" + name + "' needs at least one provider");
        }
        if (fallbackModels.stream().anyMatch(name::equalsIgnoreCase)) {
            throw new IllegalArgumentException("chat model '" + name + "' cannot fall back to itself");
        }
    }

    /** Whether the name or one of the aliases is this one, ignoring case. */
    public boolean isNamed(String candidate) {
        return name.equalsIgnoreCase(candidate) || aliases.stream().anyMatch(candidate::equalsIgnoreCase);
    }
}
