package dev.embedgate.call;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's circuit in the log, one line per change: marked down (the circuit opens) and still down (its
 * probes failed) at WARN, probing (half-open) and back (closed) at INFO. The breaker paces the changes (an open
 * circuit stays open for its open duration), so they need no rate limit of their own.
 */
final class CircuitLog {

    private static final Logger log = LoggerFactory.getLogger(CircuitLog.class);

    private final String provider;
    private final ResiliencePolicy policy;

    CircuitLog(String provider, ResiliencePolicy policy) {
        this.provider = provider;
        this.policy = policy;
    }

    /** @param metrics the breaker's counts, which on opening are still those of the calls that opened it */
    void changed(CircuitBreaker.StateTransition transition, CircuitBreaker.Metrics metrics) {
        switch (transition) {
            case CLOSED_TO_OPEN -> log.warn("provider '{}' marked down: its circuit opened after {}% of its last {} "
                            + "calls failed; calls to it fail at once for {} s, then {} probe calls decide",
                    provider, Math.round(metrics.getFailureRate()), metrics.getNumberOfBufferedCalls(),
                    policy.openDuration().toSeconds(), policy.halfOpenCalls());
            case HALF_OPEN_TO_OPEN -> log.warn("provider '{}' still down: its probe calls failed; its circuit is open "
                    + "again for {} s", provider, policy.openDuration().toSeconds());
            case OPEN_TO_HALF_OPEN -> log.info("provider '{}' probing: its circuit is half-open; {} probe calls decide "
                    + "whether it closes", provider, policy.halfOpenCalls());
            case HALF_OPEN_TO_CLOSED, OPEN_TO_CLOSED -> log.info("provider '{}' back: its circuit closed", provider);
            default -> log.info("provider '{}': circuit {} -> {}", provider, transition.getFromState(),
                    transition.getToState());
        }
    }
}
