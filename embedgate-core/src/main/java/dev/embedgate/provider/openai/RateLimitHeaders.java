package dev.embedgate.provider.openai;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenAI's {@code x-ratelimit-*} headers: when a budget is used up ({@code remaining} 0), how long until
 * room for one more call, so the client-side limiter can hold back instead of collecting 429s. The reset header
 * says when the budget is full again; one call's room comes back after reset ÷ limit of it.
 */
final class RateLimitHeaders {

    /** OpenAI writes resets as Go durations: {@code 20ms}, {@code 1s}, {@code 6m0s}, {@code 1h2m3.5s}. */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RateLimitHeaders() {
    }

    static Optional<Duration> exhaustedFor(HttpHeaders headers) {
        Duration requests = exhausted(headers, "requests");
        Duration tokens = exhausted(headers, "tokens");
        Duration longest = requests.compareTo(tokens) >= 0 ? requests : tokens;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    private static Duration exhausted(HttpHeaders headers, String budget) {
        Optional<String> remaining = headers.firstValue("x-ratelimit-remaining-" + budget);
        if (remaining.isEmpty() || !remaining.get().strip().equals("0")) {
            return Duration.ZERO;
        }
        Duration untilFull = headers.firstValue("x-ratelimit-reset-" + budget).map(RateLimitHeaders::parse)
                .orElse(Duration.ofSeconds(1));
        long limit = headers.firstValue("x-ratelimit-limit-" + budget).map(RateLimitHeaders::parseLong).orElse(1L);
        return untilFull.dividedBy(Math.max(1, limit));
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static Duration parse(String value) {
        Matcher part = DURATION_PART.matcher(value.strip());
        double millis = 0;
        while (part.find()) {
            double amount = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
        }
        return Duration.ofMillis((long) Math.ceil(millis));
    }
}
