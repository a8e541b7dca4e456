package dev.embedgate.server.usage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embedgate.usage.PriceTable;
import dev.embedgate.usage.UsageEntry;
import java.math.BigDecimal;

/**
 * What one group (or all of them) used.
 *
 * @param group        the group's name: a provider, a model, a key id ({@code (no key)} for callers without one),
 *                     a UTC day, or {@code TOTAL}
 * @param requests     gateway requests
 * @param calls        upstream calls made
 * @param inputTokens  tokens the providers read (billed)
 * @param outputTokens tokens they generated (chat; billed)
 * @param costNanoUsd  what they cost, in 10^-9 US dollars
 * @param cacheHits    inputs answered from the cache
 * @param tokensSaved  tokens the cache hits did not cost
 * @param savedNanoUsd what the cache hits did not cost, in 10^-9 US dollars
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageTotal(String group, long requests, long calls, long inputTokens, long outputTokens,
                         long costNanoUsd, long cacheHits, long tokensSaved, long savedNanoUsd) {

    static UsageTotal of(String group, UsageEntry sum) {
        return new UsageTotal(group, sum.requests(), sum.calls(), sum.inputTokens(), sum.outputTokens(),
                sum.costNanoUsd(), sum.cacheHits(), sum.tokensSaved(), sum.savedNanoUsd());
    }

    @JsonProperty("cost_usd")
    public BigDecimal costUsd() {
        return PriceTable.usd(costNanoUsd);
    }

    @JsonProperty("saved_usd")
    public BigDecimal savedUsd() {
        return PriceTable.usd(savedNanoUsd);
    }
}
