package dev.embedgate.usage;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the usage ledger: what one gateway API key spent on one model through one provider on one UTC day.
 *
 * @param day           the UTC day
 * @param provider      the provider that served (or, for cache hits, would have served)
 * @param model         the model name callers used
 * @param apiKey        the gateway API key's id; {@code ""} for callers without one
 * @param requests      gateway requests
 * @param calls         upstream calls made
 * @param tokens        tokens the provider processed (billed)
 * @param costNanoUsd   what they cost, in 10^-9 US dollars
 * @param cacheHits     inputs answered from the cache
 * @param tokensSaved   tokens the cache hits did not cost
 * @param savedNanoUsd  what the cache hits did not cost
 */
public record UsageEntry(LocalDate day, String provider, String model, String apiKey, long requests, long calls,
                         long tokens, long costNanoUsd, long cacheHits, long tokensSaved, long savedNanoUsd) {

    public UsageEntry {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** The row's identity in the ledger. */
    public Key key() {
        return new Key(day, provider, model, apiKey);
    }

    /** Both rows' counts summed (for rows of the same key). */
    public UsageEntry plus(UsageEntry other) {
        return new UsageEntry(day, provider, model, apiKey, requests + other.requests, calls + other.calls,
                tokens + other.tokens, costNanoUsd + other.costNanoUsd, cacheHits + other.cacheHits,
                tokensSaved + other.tokensSaved, savedNanoUsd + other.savedNanoUsd);
    }

    public record Key(LocalDate day, String provider, String model, String apiKey) {
    }
}
