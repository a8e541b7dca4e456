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
 * @param tokenIds  empty, or when the user sent cl100k_base token ids, the ids of each text (which they decode to):
 *                  a provider that {@link EmbeddingProvider#readsTokenIds() reads ids} sends these instead
 */
public record ProviderRequest(List<String> texts, InputType inputType, boolean truncate, Priority priority,
                              List<int[]> tokenIds) {

    public ProviderRequest {
        texts = List.copyOf(texts);
        Objects.requireNonNull(inputType, "inputType");
        Objects.requireNonNull(priority, "priority");
        tokenIds = List.copyOf(tokenIds);
        if (!tokenIds.isEmpty() && tokenIds.size() != texts.size()) {
            throw new IllegalArgumentException("token ids for " + tokenIds.size() + " texts but " + texts.size()
                    + " texts");
        }
    }

    /** Texts. */
    public ProviderRequest(List<String> texts, InputType inputType, boolean truncate, Priority priority) {
        this(texts, inputType, truncate, priority, List.of());
    }

    /** An online request. */
    public ProviderRequest(List<String> texts, InputType inputType, boolean truncate) {
        this(texts, inputType, truncate, Priority.ONLINE);
    }

    /** Whether the texts came as token ids. */
    public boolean isTokenInput() {
        return !tokenIds.isEmpty();
    }
}
