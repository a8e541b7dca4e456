package dev.embedgate.bench.rerank;

import java.time.Duration;
import java.util.List;

/**
 * How the rerank benchmark runs.
 *
 * @param candidates            documents per request
 * @param topN                  {@code top_n} of every request
 * @param concurrencies         closed-loop clients, one comparison each
 * @param rounds                measured rounds; each measures every system at every concurrency, the systems'
 *                              order rotated from round to round
 * @param jitWarmUp             closed-loop load on each system before any measurement
 * @param windowWarmUp          unmeasured start of every window (connections, a switch of system)
 * @param window                measured part of every window
 * @param coldWindowWarmUp      unmeasured start of a window of the cold local ranker, which takes seconds per request:
 *                              at least one request's time, so that the measured part sees a steady state
 * @param coldWindow            measured part of a window of the cold local ranker
 * @param providerLatencyMillis the simulated reranker's fixed delay before each answer
 * @param warmBodies            distinct requests the warm local figure cycles through
 */
public record RerankPlan(int candidates, int topN, List<Integer> concurrencies, int rounds, Duration jitWarmUp,
                         Duration windowWarmUp, Duration window, Duration coldWindowWarmUp, Duration coldWindow,
                         long providerLatencyMillis, int warmBodies) {

    public RerankPlan {
        concurrencies = List.copyOf(concurrencies);
        if (candidates < 1 || topN < 1 || rounds < 1 || warmBodies < 1 || concurrencies.isEmpty()) {
            throw new IllegalArgumentException("candidates, top_n, rounds, warm bodies and concurrencies must be positive");
        }
    }

    /** The unmeasured start of a window of this system. */
    public Duration windowWarmUp(RerankSystem system) {
        return system == RerankSystem.LOCAL_COLD ? coldWindowWarmUp : windowWarmUp;
    }

    /** The measured part of a window of this system. */
    public Duration window(RerankSystem system) {
        return system == RerankSystem.LOCAL_COLD ? coldWindow : window;
    }
}
