package dev.embedgate.usage;

import dev.embedgate.provider.Capability;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the usage ledger: what one gateway API key spent on one capability of one model through one provider
 * on one UTC day.
 *
 * @param day           the UTC day
 * @param capability    what was asked of the provider (embedding, rerank, chat)
 * @param provider      the provider that served (or, for cache hits, would have served)
 * @param model         the model name callers used
 * @param apiKey        the gateway API key's id; {@code ""} for callers without one
 * @param requests      gateway requests
 * @param calls         upstream calls made
 * @param inputTokens   tokens sent to the provider (billed)
 * @param outputTokens  tokens the provider generated (billed; 0 for embeddings)
 * @param costNanoUsd   what they cost, in 10^-9 US dollars
 * @param cacheHits     inputs answered from the cache
 * @param tokensSaved   tokens the cache hits did not cost
 * @param savedNanoUsd  what the cache hits did not cost
 */
public record UsageEntry(LocalDate day, Capability capability, String provider, String model, String apiKey,
                         long requests, long calls, long inputTokens, long outputTokens, long costNanoUsd,
                         long cacheHits, long tokensSaved, long savedNanoUsd) {

    public UsageEntry {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** The row's identity in the ledger. */
    public Key key() {
        return new Key(day, capability, provider, model, apiKey);
    }

    /** Both rows' counts summed, under this row's key (for rows of the same key, or for totals). */
    public UsageEntry plus(UsageEntry other) {
        return new UsageEntry(day, capability, provider, model, apiKey, requests + other.requests,
                calls + other.calls, inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                costNanoUsd + other.costNanoUsd, cacheHits + other.cacheHits, tokensSaved + other.tokensSaved,
                savedNanoUsd + other.savedNanoUsd);
    }

    public record Key(LocalDate day, Capability capability, String provider, String model, String apiKey) {
    }
}
