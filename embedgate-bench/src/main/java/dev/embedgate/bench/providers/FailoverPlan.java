package dev.embedgate.bench.providers;

/**
 * How the failover benchmark runs: one request at a time to a gateway whose primary (the simulator's Hugging Face
 * route) fails every call, paired with the same request to a gateway serving the local model directly.
 *
 * @param closedSamples        failing-over requests measured while the circuit is closed
 * @param openSamples          failing-over requests measured once the circuit is open
 * @param warmUpCycles         unmeasured closed-circuit cycles first (loads and compiles the failover path)
 * @param healthyCallsPerCycle successful calls after each closed-circuit failure, so that the breaker's window
 *                             stays under its failure threshold and the next failure again meets a closed circuit
 */
public record FailoverPlan(int closedSamples, int openSamples, int warmUpCycles, int healthyCallsPerCycle) {
}
