package dev.embedgate.call;

import java.time.Duration;
import java.util.Objects;

/**
 * How calls to one provider are retried and circuit-broken.
 *
 * @param maxAttempts           attempts per call, the first included
 * @param initialBackoff        base of the exponential backoff (full jitter: a random wait up to base × 2^retry)
 * @param maxBackoff            largest backoff without a Retry-After
 * @param maxRetryAfter         largest wait honoured from a provider's Retry-After / estimated_time
 * @param deadline              overall time for one call, retries and rate-limit waits included
 * @param failureRateThreshold  percentage of failed calls in the window that opens the circuit
 * @param slidingWindowCalls    calls the failure rate is computed over
 * @param minimumCalls          calls needed before the rate is judged
 * @param openDuration          how long an open circuit refuses calls before letting probes through (half-open)
 * @param halfOpenCalls         probe calls allowed while half-open
 */
public record ResiliencePolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                               Duration deadline, int failureRateThreshold, int slidingWindowCalls, int minimumCalls,
                               Duration openDuration, int halfOpenCalls) {

    public static final ResiliencePolicy DEFAULT = new ResiliencePolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(60), 50, 20, 5, Duration.ofSeconds(30), 2);

    public ResiliencePolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(openDuration, "openDuration");
        if (maxAttempts < 1 || failureRateThreshold < 1 || failureRateThreshold > 100 || slidingWindowCalls < 1
                || minimumCalls < 1 || halfOpenCalls < 1) {
            throw new IllegalArgumentException("invalid resilience policy: " + this);
        }
    }

    /** The same policy with another overall deadline per call. */
    public ResiliencePolicy withDeadline(Duration newDeadline) {
        return new ResiliencePolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, newDeadline,
                failureRateThreshold, slidingWindowCalls, minimumCalls, openDuration, halfOpenCalls);
    }
}
