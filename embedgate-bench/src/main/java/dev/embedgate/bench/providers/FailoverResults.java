package dev.embedgate.bench.providers;

import java.util.List;

/**
 * What the failover benchmark measured.
 *
 * @param primary          the provider that served while the primary was healthy
 * @param closed           requests that met a closed circuit
 * @param upstreamAttempts calls each measured closed-circuit request made to the failing primary
 * @param open             requests that met an open circuit
 * @param requestsToOpen   failing requests it took before one was failed over without calling the primary
 * @param callsWhileOpen   calls the primary received during the open-circuit measurements (probes)
 * @param openSeconds      how long the open-circuit measurements took
 */
public record FailoverResults(FailoverPlan plan, String primary, FailoverCase closed, List<Integer> upstreamAttempts,
                              FailoverCase open, int requestsToOpen, int callsWhileOpen, double openSeconds) {

    public FailoverResults {
        upstreamAttempts = List.copyOf(upstreamAttempts);
    }
}
