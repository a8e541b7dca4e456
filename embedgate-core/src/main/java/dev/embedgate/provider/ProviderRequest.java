package dev.embedgate.provider;

import dev.embedgate.space.InputType;
import java.util.List;
import java.util.Objects;

/**
 * What a provider is asked to embed.
 *
 * @param texts     the texts, as the user sent them (the provider applies its space's prefixes)
 * @param inputType query or document
 * @param truncate  true to cut over-long texts to the space's limit; false to reject them
 */
public record ProviderRequest(List<String> texts, InputType inputType, boolean truncate) {

    public ProviderRequest {
        texts = List.copyOf(texts);
        Objects.requireNonNull(inputType, "inputType");
    }
}
