package dev.embedgate.bench.providers;

import java.time.Duration;

/**
 * How the rate-limit benchmark runs: gateway instances sharing one Redis-backed budget push single-text requests
 * at a simulator route limited to the same budget.
 *
 * @param requestsPerMinute  the shared client-side budget, and the simulator route's limit
 * @param instances          gateway processes sharing the budget
 * @param clientsPerInstance concurrent closed-loop clients sending to each instance
 * @param warmUp             longest unmeasured start; it ends as soon as the buckets' initial capacity (a minute's
 *                           budget, let through at once) is spent
 * @param window             measured window, where only the refill rate can pass
 * @param redisUrl           the Redis the instances share
 */
public record RateLimitPlan(int requestsPerMinute, int instances, int clientsPerInstance, Duration warmUp,
                            Duration window, String redisUrl) {
}
