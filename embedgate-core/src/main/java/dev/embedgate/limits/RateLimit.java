package dev.embedgate.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider's client-side budget, over any window a provider states its limits in: Hugging Face's free tier is
 * {@code requestsPerHour: 1000}, OpenAI's tiers are per minute, some APIs cap a day. Every field set is enforced
 * at once; null fields are unlimited.
 */
public record RateLimit(Long requestsPerSecond, Long requestsPerMinute, Long requestsPerHour, Long requestsPerDay,
                        Long tokensPerSecond, Long tokensPerMinute, Long tokensPerHour, Long tokensPerDay) {

    public static final RateLimit UNLIMITED = new RateLimit(null, null, null, null, null, null, null, null);

    public RateLimit {
        for (Long amount : new Long[]{requestsPerSecond, requestsPerMinute, requestsPerHour, requestsPerDay,
                tokensPerSecond, tokensPerMinute, tokensPerHour, tokensPerDay}) {
            if (amount != null && amount <= 0) {
                throw new IllegalArgumentException("rate limits must be positive, got " + amount);
            }
        }
    }

    /** A budget per minute (the form most provider dashboards state); nulls are unlimited. */
    public static RateLimit perMinute(Integer requests, Integer tokens) {
        return new RateLimit(null, requests == null ? null : requests.longValue(), null, null,
                null, tokens == null ? null : tokens.longValue(), null, null);
    }

    /** Every allowance set, requests first. */
    public List<Quota> quotas() {
        var quotas = new ArrayList<Quota>(2);
        add(quotas, Quota.Unit.REQUESTS, requestsPerSecond, Duration.ofSeconds(1));
        add(quotas, Quota.Unit.REQUESTS, requestsPerMinute, Duration.ofMinutes(1));
        add(quotas, Quota.Unit.REQUESTS, requestsPerHour, Duration.ofHours(1));
        add(quotas, Quota.Unit.REQUESTS, requestsPerDay, Duration.ofDays(1));
        add(quotas, Quota.Unit.TOKENS, tokensPerSecond, Duration.ofSeconds(1));
        add(quotas, Quota.Unit.TOKENS, tokensPerMinute, Duration.ofMinutes(1));
        add(quotas, Quota.Unit.TOKENS, tokensPerHour, Duration.ofHours(1));
        add(quotas, Quota.Unit.TOKENS, tokensPerDay, Duration.ofDays(1));
        return quotas;
    }

    private static void add(List<Quota> quotas, Quota.Unit unit, Long amount, Duration window) {
        if (amount != null) {
            quotas.add(new Quota(unit, amount, window));
        }
    }

    public boolean unlimited() {
        return quotas().isEmpty();
    }
}
