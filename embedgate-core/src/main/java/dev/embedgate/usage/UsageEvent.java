package dev.embedgate.usage;

import dev.embedgate.provider.Capability;
import java.util.Objects;

/**
 * What one use of one provider did, for the {@link UsageRecorder}: the same shape for every capability. A gateway
 * request that several providers served (after a failover) is reported as one event per provider, with
 * {@code requests} 1 on the first and 0 on the others, so that the request is counted once.
 *
 * @param capability   what was asked of the provider
 * @param provider     the provider that served (or, for cache hits, would have served and billed)
 * @param model        the model name callers used
 * @param apiKey       the gateway API key's id; {@code ""} for callers without one
 * @param requests     gateway requests this event counts (0 or 1, normally)
 * @param calls        upstream calls made; a per-request price is charged per call
 * @param inputTokens  tokens sent to the provider (billed at its input price)
 * @param outputTokens tokens the provider generated (billed at its output price)
 * @param cacheHits    inputs answered from the cache instead of the provider
 * @param tokensSaved  input tokens those cache hits did not cost
 */
public record UsageEvent(Capability capability, String provider, String model, String apiKey, long requests,
                         long calls, long inputTokens, long outputTokens, long cacheHits, long tokensSaved) {

    public UsageEvent {
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        if (requests < 0 || calls < 0 || inputTokens < 0 || outputTokens < 0 || cacheHits < 0 || tokensSaved < 0) {
            throw new IllegalArgumentException("usage counts cannot be negative: " + requests + " requests, " + calls
                    + " calls, " + inputTokens + " input tokens, " + outputTokens + " output tokens, " + cacheHits
                    + " cache hits, " + tokensSaved + " tokens saved");
        }
    }

    /** One gateway request served by one provider, without the cache. */
    public static UsageEvent served(Capability capability, String provider, String model, String apiKey, long calls,
                                    long inputTokens, long outputTokens) {
        return new UsageEvent(capability, provider, model, apiKey, 1, calls, inputTokens, outputTokens, 0, 0);
    }
}
