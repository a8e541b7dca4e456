package dev.embedgate.testkit.fault;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * A route's server-side limits: token buckets (Bucket4j) of requests and of tokens per minute, each refilled
 * continuously, so that a minute's budget is a sliding minute. A call takes one request and its tokens, or neither.
 * Thread-safe.
 */
final class RateLimiter {

    private static final long MINUTE_MILLIS = 60_000;

    private final int requestsPerMinute;
    private final long tokensPerMinute;
    private final Bucket requests;
    private final Bucket tokens;

    RateLimiter(int requestsPerMinute, long tokensPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.requests = requestsPerMinute > 0 ? perMinute(requestsPerMinute) : null;
        this.tokens = tokensPerMinute > 0 ? perMinute(tokensPerMinute) : null;
    }

    private static Bucket perMinute(long capacity) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, Duration.ofMinutes(1)))
                .build();
    }

    /** Takes one request and {@code callTokens} tokens; null if admitted, else why not. */
    synchronized RateLimitVerdict admit(long callTokens) {
        if (tokens != null && callTokens > tokensPerMinute) {
            return new RateLimitVerdict("tokens", tokensPerMinute, tokens.getAvailableTokens(), callTokens,
                    MINUTE_MILLIS, true);
        }
        if (requests != null) {
            ConsumptionProbe probe = requests.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return new RateLimitVerdict("requests", requestsPerMinute, probe.getRemainingTokens(), 1,
                        millis(probe.getNanosToWaitForRefill()), false);
            }
        }
        if (tokens != null && callTokens > 0) {
            ConsumptionProbe probe = tokens.tryConsumeAndReturnRemaining(callTokens);
            if (!probe.isConsumed()) {
                if (requests != null) {
                    requests.addTokens(1);
                }
                return new RateLimitVerdict("tokens", tokensPerMinute, probe.getRemainingTokens(), callTokens,
                        millis(probe.getNanosToWaitForRefill()), false);
            }
        }
        return null;
    }

    synchronized RateLimitSnapshot snapshot() {
        long remainingRequests = requests == null ? RateLimitSnapshot.UNLIMITED_REQUESTS : requests.getAvailableTokens();
        long remainingTokens = tokens == null ? RateLimitSnapshot.UNLIMITED_TOKENS : tokens.getAvailableTokens();
        return new RateLimitSnapshot(
                requests == null ? RateLimitSnapshot.UNLIMITED_REQUESTS : requestsPerMinute, remainingRequests,
                requests == null ? 0 : untilFull(requestsPerMinute, remainingRequests),
                tokens == null ? RateLimitSnapshot.UNLIMITED_TOKENS : tokensPerMinute, remainingTokens,
                tokens == null ? 0 : untilFull(tokensPerMinute, remainingTokens));
    }

    private static long untilFull(long capacity, long available) {
        return (long) Math.ceil((double) (capacity - available) * MINUTE_MILLIS / capacity);
    }

    private static long millis(long nanos) {
        return (nanos + 999_999) / 1_000_000;
    }
}
