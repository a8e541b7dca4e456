package dev.embedgate.provider;

import dev.embedgate.call.Priority;
import dev.embedgate.space.InputType;
import java.util.List;
import java.util.Objects;

/**
 * What a provider is asked to embed.
 *
 * @param texts     the texts, as the user sent them (the provider applies its space's prefixes)
 * @param inputType query or document
 * @param truncate  true to cut over-long texts to the space's limit; false to reject them
 * @param priority  online, or background work that a provider with a queue of its own (a local model) serves
 *                  after online work, within its share
 */
public record ProviderRequest(List<String> texts, InputType inputType, boolean truncate, Priority priority) {

    public ProviderRequest {
        texts = List.copyOf(texts);
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(priority, "priority");
    }

    /** An online request. */
    public ProviderRequest(List<String> texts, InputType inputType, boolean truncate) {
        this(texts, inputType, truncate, Priority.ONLINE);
    }
}
