package dev.embedgate.bench.providers;

import java.time.Duration;
import java.util.List;

/**
 * How the overhead benchmark runs: EmbedGate in front of the simulator against the simulator called directly, at
 * fixed arrival rates, the two taking turns.
 *
 * @param ratesPerSecond open-loop arrival rates, one comparison each
 * @param rounds         measured rounds per rate; each round measures both targets, in alternating order
 * @param jitWarmUp      closed-loop load on each target before any measurement, so both JVMs are compiled
 * @param windowWarmUp   unmeasured start of every open-loop window (connections, a switch of target)
 * @param window         measured part of every open-loop window
 */
public record OverheadPlan(List<Integer> ratesPerSecond, int rounds, Duration jitWarmUp, Duration windowWarmUp,
                           Duration window) {

    public OverheadPlan {
        ratesPerSecond = List.copyOf(ratesPerSecond);
    }
}
