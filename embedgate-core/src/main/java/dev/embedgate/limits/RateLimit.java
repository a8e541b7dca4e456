package dev.embedgate.limits;

/**
 * A provider's client-side budget; null fields are unlimited.
 *
 * @param requestsPerMinute calls per minute
 * @param tokensPerMinute   input tokens per minute
 */
public record RateLimit(Integer requestsPerMinute, Integer tokensPerMinute) {

    public static final RateLimit UNLIMITED = new RateLimit(null, null);

    public RateLimit {
        if (requestsPerMinute != null && requestsPerMinute <= 0 || tokensPerMinute != null && tokensPerMinute <= 0) {
            throw new IllegalArgumentException("rate limits must be positive: " + requestsPerMinute + " requests, "
                    + tokensPerMinute + " tokens per minute");
        }
    }

    public boolean unlimited() {
        return requestsPerMinute == null && tokensPerMinute == null;
    }
}
