package dev.embedgate.server.status;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.resilience.ResilientProvider;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a provider's call path knows about its health: circuit, rate-limit headroom and the last failure. This is
 * the one class that reads them from the resilience layer, so that a change there is one edit here.
 *
 * @param circuit           the circuit breaker's state, lower case: {@code closed}, {@code open}, {@code half_open}
 * @param rateLimitHeadroom calls its client-side rate limit would admit now; null when it has none
 * @param lastError         the last failure a call ended with (after retries); null if none has failed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProviderHealth(String circuit, Long rateLimitHeadroom, LastError lastError) {

    /** The provider's health; empty for a provider without a resilient call path (a local model). */
    public static Optional<ProviderHealth> of(EmbeddingProvider provider) {
        if (!(provider instanceof ResilientProvider resilient)) {
            return Optional.empty();
        }
        OptionalLong headroom = resilient.rateLimitHeadroom();
        ResilientProvider.ProviderFailure failure = resilient.lastFailure();
        return Optional.of(new ProviderHealth(circuitOf(resilient).orElseThrow(),
                headroom.isPresent() ? headroom.getAsLong() : null,
                failure == null ? null : new LastError(failure.at(), lowerCase(failure.kind().name()), failure.message())));
    }

    /**
     * The circuit's state alone (as in {@link #circuit}), cheap enough for a metrics gauge; empty for a provider
     * without a circuit.
     */
    public static Optional<String> circuitOf(EmbeddingProvider provider) {
        return provider instanceof ResilientProvider resilient
                ? Optional.of(lowerCase(resilient.circuitState().name())) : Optional.empty();
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * @param at      when the call failed (ISO-8601 in JSON)
     * @param kind    what kind of failure it was, lower case: {@code rate_limited}, {@code timeout}, ...
     * @param message what the provider said, cleaned of credentials
     */
    public record LastError(@JsonSerialize(using = ToStringSerializer.class) Instant at, String kind, String message) {
    }
}
