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
    void pausesUntilTheLongerOfTheExhaustedBudgetsResets() {
        assertThat(RateLimitHeaders.exhaustedFor(headers(Map.of(
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0s"))))
                .hasValue(Duration.ofMinutes(6));
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, entry -> List.of(entry.getValue()))), (name, value) -> true);
    }
}
