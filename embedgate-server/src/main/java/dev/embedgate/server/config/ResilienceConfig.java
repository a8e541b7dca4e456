package dev.embedgate.server.config;

import dev.embedgate.call.ResiliencePolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * A provider's retries and circuit breaker as configured under {@code providers[].resilience}; every unset field
 * keeps the default of {@link ResiliencePolicy#DEFAULT} (documented in docs/providers.md).
 *
 * @param maxAttempts          attempts per call, the first included (default 4)
 * @param initialBackoff       base of the exponential backoff with full jitter (default 200ms)
 * @param maxBackoff           largest backoff without a Retry-After (default 5s)
 * @param maxRetryAfter        largest wait honoured from a provider's Retry-After (default 30s)
 * @param failureRateThreshold percentage of failed calls that opens the circuit (default 50)
 * @param slidingWindowCalls   calls the failure rate is computed over (default 20)
 * @param minimumCalls         calls needed before the rate is judged (default 5)
 * @param openDuration         how long an open circuit refuses calls before probing (default 30s)
 * @param halfOpenCalls        probe calls while half-open (default 2)
 */
public record ResilienceConfig(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff,
                               Duration maxRetryAfter, Integer failureRateThreshold, Integer slidingWindowCalls,
                               Integer minimumCalls, Duration openDuration, Integer halfOpenCalls) {

    static final ResilienceConfig DEFAULT = new ResilienceConfig(null, null, null, null, null, null, null, null, null);

    /**
     * @param key      where the settings are in the configuration, for error messages
     * @param deadline the provider's overall deadline per call, or null for the default
     */
    ResiliencePolicy toPolicy(String key, Duration deadline) {
        ResiliencePolicy d = ResiliencePolicy.DEFAULT;
        try {
            return new ResiliencePolicy(Objects.requireNonNullElse(maxAttempts, d.maxAttempts()),
                    Objects.requireNonNullElse(initialBackoff, d.initialBackoff()),
                    Objects.requireNonNullElse(maxBackoff, d.maxBackoff()),
                    Objects.requireNonNullElse(maxRetryAfter, d.maxRetryAfter()),
                    Objects.requireNonNullElse(deadline, d.deadline()),
                    Objects.requireNonNullElse(failureRateThreshold, d.failureRateThreshold()),
                    Objects.requireNonNullElse(slidingWindowCalls, d.slidingWindowCalls()),
                    Objects.requireNonNullElse(minimumCalls, d.minimumCalls()),
                    Objects.requireNonNullElse(openDuration, d.openDuration()),
                    Objects.requireNonNullElse(halfOpenCalls, d.halfOpenCalls()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage()
                    + " (attempts, calls and thresholds must be at least 1; the threshold at most 100)", e);
        }
    }
}
