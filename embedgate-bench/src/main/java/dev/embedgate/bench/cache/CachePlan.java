package dev.embedgate.bench.cache;

import java.time.Duration;

/**
 * How the cache benchmarks run.
 *
 * @param concurrency    closed-loop clients, the same for the cached embedding and the static route
 * @param rounds         measured rounds; each loads both targets, in alternating order
 * @param warmUp         closed-loop warm-up per target (JIT, connections)
 * @param window         closed-loop measured window per target and round
 * @param ratePerSecond  open-loop rate for the latency comparison
 * @param rateWindow     open-loop measured window per target and round (after one unmeasured second)
 * @param replayRequests requests of the corpus replay
 * @param repeatShare    share of replayed requests that repeat an earlier text
 * @param zipfExponent   skew of which earlier texts repeat (1.0: the classic Zipf law)
 * @param replayClients  concurrent clients of the replay
 */
public record CachePlan(int concurrency, int rounds, Duration warmUp, Duration window, int ratePerSecond,
                        Duration rateWindow, int replayRequests, double repeatShare, double zipfExponent,
                        int replayClients) {
}
