package dev.embedgate.server.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.List;

/**
 * One provider in {@code /status}. Never holds a credential: only whether one is configured.
 *
 * @param name                the provider's name
 * @param capability          what it is asked to do: {@code embedding}, {@code chat} or {@code rerank}
 * @param space               the id of the space it serves; null (and absent from JSON) for chat and reranking
 * @param routes              the routes it serves; a cross-space fallback reads {@code "<route> (fallback)"}
 * @param available           whether it can be reached now
 * @param hasApiKey           whether credentials are configured for it
 * @param usdPerMillionTokens what it charges per million input tokens; null (absent) where the price table has it
 * @param health              circuit, rate-limit headroom and last error (its fields appear beside the others);
 *                            null for a provider without a resilient call path, whose answer then has none of them
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProviderStatus(String name, String capability, @JsonInclude(JsonInclude.Include.NON_NULL) String space,
                             List<String> routes, boolean available, boolean hasApiKey,
                             @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal usdPerMillionTokens,
                             @JsonUnwrapped ProviderHealth health) {

    public ProviderStatus {
        routes = List.copyOf(routes);
    }
}
