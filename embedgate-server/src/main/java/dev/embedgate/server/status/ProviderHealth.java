package dev.embedgate.server.status;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.embedgate.call.Guarded;
import dev.embedgate.call.ProviderFailure;
import dev.embedgate.call.ResilientCallPath;
import java.time.Instant;
import java.util.Locale;
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

    /** The health of the provider's call path (every provider has one, local models and fallbacks included). */
    public static ProviderHealth of(Guarded<?> guarded) {
        ResilientCallPath path = guarded.path();
        OptionalLong headroom = path.rateLimitHeadroom();
        ProviderFailure failure = path.lastFailure();
        return new ProviderHealth(circuitOf(guarded), headroom.isPresent() ? headroom.getAsLong() : null,
                failure == null ? null : new LastError(failure.at(), failure.kind().wireName(), failure.message()));
    }

    /** The circuit's state alone (as in {@link #circuit}), cheap enough for a metrics gauge. */
    public static String circuitOf(Guarded<?> guarded) {
        return lowerCase(guarded.path().circuitState().name());
    }

    private static String lowerCase(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * @param at      when the call failed (ISO-8601 in JSON)
     * @param kind    what kind of failure it was, lower case: {@code rate_limited}, {@code timeout}, ...
     * @param message what the provider said, cleaned of credentials and key fragments
     */
    public record LastError(@JsonSerialize(using = ToStringSerializer.class) Instant at, String kind, String message) {
    }
}
