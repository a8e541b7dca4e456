package dev.embedgate.testkit.fault;

/**
 * A route's rate-limit state, as OpenAI reports it in its {@code x-ratelimit-*} headers. Without a configured limit
 * the snapshot reports {@link #UNLIMITED_REQUESTS} / {@link #UNLIMITED_TOKENS}, always fully remaining.
 *
 * @param resetRequestsMillis time until the request bucket is full again
 * @param resetTokensMillis   time until the token bucket is full again
 */
public record RateLimitSnapshot(long limitRequests, long remainingRequests, long resetRequestsMillis,
                                long limitTokens, long remainingTokens, long resetTokensMillis) {

    public static final long UNLIMITED_REQUESTS = 1_000_000;
    public static final long UNLIMITED_TOKENS = 1_000_000_000;
}
