package dev.embedgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.Secret;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status codes and Retry-After headers to failure kinds and waits; provider messages made safe. */
class HttpFailureMappingTest {

    private static final Secret KEY = Secret.of("hf_TESTKEYdonotleak0123456789");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void statusesMapToKinds() {
        assertThat(kindOf(429)).isEqualTo(Kind.RATE_LIMITED);
        assertThat(kindOf(401)).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(kindOf(403)).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(kindOf(408)).isEqualTo(Kind.TIMEOUT);
        assertThat(kindOf(400)).isEqualTo(Kind.REJECTED);
        assertThat(kindOf(404)).isEqualTo(Kind.REJECTED);
        assertThat(kindOf(413)).isEqualTo(Kind.REJECTED);
        assertThat(kindOf(422)).isEqualTo(Kind.REJECTED);
        assertThat(kindOf(500)).isEqualTo(Kind.SERVER_ERROR);
        assertThat(kindOf(503)).isEqualTo(Kind.SERVER_ERROR);
        assertThat(kindOf(302)).isEqualTo(Kind.REJECTED);
    }

    @Test
    void retryAfterMillisecondsWinOverSeconds() {
        assertThat(RetryAfter.from(headers("retry-after-ms", "250", "retry-after", "3"), NOW)).contains(Duration.ofMillis(250));
        assertThat(RetryAfter.from(headers("retry-after-ms", "12.5"), NOW)).contains(Duration.ofNanos(12_500_000));
    }

    @Test
    void retryAfterSecondsOrHttpDate() {
        assertThat(RetryAfter.parse("20", NOW)).contains(Duration.ofSeconds(20));
        assertThat(RetryAfter.parse("1.5", NOW)).contains(Duration.ofMillis(1500));
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
        assertThat(RetryAfter.parse(inNinetySeconds, NOW)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.from(headers(), NOW)).isEmpty();
        assertThat(RetryAfter.from(headers("retry-after-ms", "NaN", "retry-after", "4"), NOW)).contains(Duration.ofSeconds(4));
    }

    @Test
    void serverErrorsCarryARetryAfterWhenGiven() {
        ProviderCallException failure = answer(503, "{\"error\":\"busy\"}", "retry-after", "9").toException();

        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(9));
    }

    @Test
    void providerMessagesAreFoundInEachProvidersErrorShape() {
        assertThat(answer(400, "{\"error\": {\"message\": \"openai says\", \"type\": \"x\"}}").providerMessage()).isEqualTo("openai says");
        assertThat(answer(400, "{\"error\": \"hf says\"}").providerMessage()).isEqualTo("hf says");
        assertThat(answer(400, "{\"error\": [\"hf list says\"]}").providerMessage()).isEqualTo("hf list says");
        assertThat(answer(400, "{\"id\": \"1\", \"message\": \"cohere says\"}").providerMessage()).isEqualTo("cohere says");
        assertThat(answer(422, "{\"detail\": [{\"msg\": \"field required\"}]}").providerMessage()).isEqualTo("field required");
        assertThat(answer(502, "Bad Gateway").providerMessage()).isEqualTo("Bad Gateway");
        assertThat(answer(502, "<html><body>nginx</body></html>").providerMessage()).isEqualTo("(an HTML page)");
        assertThat(answer(500, "").providerMessage()).isEmpty();
    }

    @Test
    void messagesAreRedactedFlattenedAndCut() {
        assertThat(SafeText.of("key " + KEY.reveal() + " refused", KEY)).isEqualTo("key [redacted] refused");
        assertThat(SafeText.of("Authorization: Bearer abc.def-123 was sent", null)).isEqualTo("Authorization: Bearer [redacted] was sent");
        assertThat(SafeText.of("try sk-proj-ABCDEFGHIJKLMNOPQRSTUV now", null)).isEqualTo("try [redacted] now");
        assertThat(SafeText.of("{\"api_key\": \"zzz-123\"}", null)).doesNotContain("zzz-123");
        assertThat(SafeText.of("line one\n\tline\u0000two", null)).isEqualTo("line one line two");
        assertThat(SafeText.of("x".repeat(5000), null)).hasSize(SafeText.MAX_LENGTH + 1);
        assertThat(SafeText.of("a task-oriented prompt", null)).isEqualTo("a task-oriented prompt");
    }

    @Test
    void maskedKeyFragmentsAreRedactedToo() {
        assertThat(SafeText.of("Incorrect API key provided: sk-ab***yz. You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", null))
                .isEqualTo("Incorrect API key provided: [redacted] You can find your API key at "
                        + "https://platform.openai.com/account/api-keys.");
        assertThat(SafeText.of("key abcd****wxyz is not valid", null)).isEqualTo("key [redacted] is not valid");
        assertThat(SafeText.of("Incorrect API key provided: ***.", null)).doesNotContain("***");
        assertThat(SafeText.of("key provided: abcd...wxyz refused", null))
                .isEqualTo("key provided: [redacted] refused");
        assertThat(SafeText.of("sk-short was refused", null)).isEqualTo("[redacted] was refused");
    }

    @Test
    void unauthorizedSaysWhetherAKeyWasConfigured() {
        var withKey = answer(401, "{\"error\": \"invalid token\"}").toException();
        var withoutKey = new ErrorAnswer("p", "http://h", 401, headers(), new byte[0], null).toException();

        assertThat(withKey).hasMessageContaining("check the configured API key");
        assertThat(withoutKey).hasMessageContaining("no API key is configured");
    }

    private static Kind kindOf(int status) {
        return answer(status, "{\"error\": \"x\"}").toException().kind();
    }

    private static ErrorAnswer answer(int status, String body, String... headerPairs) {
        return new ErrorAnswer("test/provider", "http://127.0.0.1:1", status, headers(headerPairs),
                body.getBytes(StandardCharsets.UTF_8), KEY);
    }

    private static HttpHeaders headers(String... pairs) {
        var map = new HashMap<String, List<String>>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return HttpHeaders.of(Map.copyOf(map), (name, value) -> true);
    }
}
