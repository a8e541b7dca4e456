package dev.embedgate.provider;

import java.util.List;

/**
 * A provider's answer, before validation.
 *
 * @param vectors          one vector per input text, in input order
 * @param promptTokens     tokens the model processed for these texts
 * @param truncatedIndexes positions of the inputs that were cut to the space's token limit
 */
public record ProviderResponse(List<float[]> vectors, long promptTokens, List<Integer> truncatedIndexes) {

    public ProviderResponse {
        vectors = List.copyOf(vectors);
        truncatedIndexes = List.copyOf(truncatedIndexes);
    }
}
