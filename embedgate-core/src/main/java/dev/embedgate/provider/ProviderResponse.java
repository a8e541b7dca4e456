package dev.embedgate.provider;

import java.time.Duration;
import java.util.List;

/**
 * A provider's answer, before validation.
 *
 * @param vectors          one vector per input text, in input order
 * @param promptTokens     tokens the model processed for these texts
 * @param truncatedIndexes positions of the inputs that were cut to the space's token limit
 * @param upstreamPause    how long the provider's own rate-limit headers say its budget stays used up, or null
 */
public record ProviderResponse(List<float[]> vectors, long promptTokens, List<Integer> truncatedIndexes,
                               Duration upstreamPause) {

    /** An answer that says nothing about the provider's budget. */
    public ProviderResponse(List<float[]> vectors, long promptTokens, List<Integer> truncatedIndexes) {
        this(vectors, promptTokens, truncatedIndexes, null);
    }

    public ProviderResponse {
        vectors = List.copyOf(vectors);
        truncatedIndexes = List.copyOf(truncatedIndexes);
    }
}
