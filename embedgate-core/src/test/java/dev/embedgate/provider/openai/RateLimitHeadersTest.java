package dev.embedgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI's x-ratelimit headers become a pause for the client-side limiter only when a budget is used up. */
class RateLimitHeadersTest {

    @Test
    void readsGoDurations() {
        assertThat(RateLimitHeaders.parse("20ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(RateLimitHeaders.parse("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(RateLimitHeaders.parse("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RateLimitHeaders.parse("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
    }

    @Test
    void noPauseWhileBudgetRemains() {
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of("x-ratelimit-remaining-requests", "3",
                "x-ratelimit-reset-requests", "10s")))).isEmpty();
    }

    @Test
    void pausesUntilOneCallsRoomComesBackNotUntilTheBudgetIsFull() {
        // 600 requests a minute, all used: the bucket is full again in 60 s, one request's room is back in 100 ms.
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of("x-ratelimit-limit-requests", "600",
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1m0s"))))
                .hasValue(Duration.ofMillis(100));
    }

    @Test
    void pausesForTheLongerOfTheExhaustedBudgets() {
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of(
                "x-ratelimit-limit-requests", "10", "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s",
                "x-ratelimit-limit-tokens", "100", "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "60s"))))
                .hasValue(Duration.ofMillis(600));
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, entry -> List.of(entry.getValue()))), (name, value) -> true);
    }
}
