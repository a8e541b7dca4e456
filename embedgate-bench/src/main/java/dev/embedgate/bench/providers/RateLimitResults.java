package dev.embedgate.bench.providers;

import dev.embedgate.bench.server.LoadResult;
import java.util.List;

/**
 * What the rate-limit benchmark measured.
 *
 * @param notMeasured    why it could not run, or null
 * @param upstreamOk     calls the simulator answered 200 during the measured window
 * @param windowSeconds  length of the measured window
 * @param warmUpSeconds  how long the unmeasured start lasted (until the buckets' initial capacity was spent)
 * @param burstOk        calls answered 200 during the warm-up (the buckets start full: up to a minute's budget)
 * @param rateLimited    calls the simulator answered 429, over the whole run
 * @param upstreamCalls  calls the simulator received, over the whole run
 * @param rateLimitedAt  positions of the 429s among those calls (from 1), for telling the burst from steady state
 * @param clientSide     the batch job as its clients saw it (latency includes waiting for the budget)
 */
public record RateLimitResults(RateLimitPlan plan, String notMeasured, long upstreamOk, double windowSeconds, double warmUpSeconds,
                               long burstOk, long rateLimited, long upstreamCalls, List<Integer> rateLimitedAt,
                               LoadResult clientSide) {

    public RateLimitResults {
        rateLimitedAt = List.copyOf(rateLimitedAt);
    }

    static RateLimitResults notMeasured(RateLimitPlan plan, String reason) {
        return new RateLimitResults(plan, reason, 0, 0, 0, 0, 0, 0, List.of(), null);
    }

    public boolean measured() {
        return notMeasured == null;
    }

    public double upstreamPerMinute() {
        return upstreamOk / windowSeconds * 60;
    }

    /** Upstream calls per minute answered 200 in the window, over the budget R. */
    public double efficiency() {
        return upstreamPerMinute() / plan.requestsPerMinute();
    }
}
