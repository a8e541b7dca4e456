package dev.embedgate.testkit.openai;

import dev.embedgate.testkit.fault.RateLimitSnapshot;
import dev.embedgate.testkit.wire.WireReply;

/**
 * OpenAI's {@code x-ratelimit-limit-*}, {@code x-ratelimit-remaining-*} and {@code x-ratelimit-reset-*} headers,
 * which it sends on every answer. Resets are written as OpenAI writes them: {@code 20ms}, {@code 1.5s}, {@code 6m0s}.
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    public static WireReply add(WireReply reply, RateLimitSnapshot limits) {
        return reply.withHeader("x-ratelimit-limit-requests", Long.toString(limits.limitRequests()))
                .withHeader("x-ratelimit-limit-tokens", Long.toString(limits.limitTokens()))
                .withHeader("x-ratelimit-remaining-requests", Long.toString(limits.remainingRequests()))
                .withHeader("x-ratelimit-remaining-tokens", Long.toString(limits.remainingTokens()))
                .withHeader("x-ratelimit-reset-requests", duration(limits.resetRequestsMillis()))
                .withHeader("x-ratelimit-reset-tokens", duration(limits.resetTokensMillis()));
    }

    /** {@code 0s}, {@code 20ms}, {@code 1.5s}, {@code 17s}, {@code 6m0s}, {@code 1m30.5s}. */
    public static String duration(long millis) {
        if (millis <= 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        String seconds = seconds(millis % 60_000);
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }

    private static String seconds(long millis) {
        long whole = millis / 1000;
        long fraction = millis % 1000;
        if (fraction == 0) {
            return whole + "s";
        }
        String digits = String.format("%03d", fraction).replaceAll("0+$", "");
        return whole + "." + digits + "s";
    }
}
