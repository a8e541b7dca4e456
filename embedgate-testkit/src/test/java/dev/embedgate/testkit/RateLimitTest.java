package dev.embedgate.testkit;

import static dev.embedgate.testkit.Http.bearer;
import static dev.embedgate.testkit.Http.json;
import static dev.embedgate.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static ProviderSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static HttpResponse<String> openAi(Object input) throws Exception {
        return post(simulator.openAiBaseUrl() + "/embeddings", Map.of("model", "text-embedding-3-small", "input", input),
                "Authorization", bearer("sk-test"));
    }

    @Test
    void overTheRequestsPerMinuteOpenAiAnswers429WithItsHeaders() throws Exception {
        simulator.log().reset();
        simulator.faults(Route.OPENAI, Faults.builder().requestsPerMinute(3).build());

        var first = openAi("a");
        assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
        assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("2");
        openAi("b");
        openAi("c");
        var limited = openAi("d");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(json(limited).at("/error/type").asText()).isEqualTo("requests");
        assertThat(json(limited).at("/error/message").asText()).contains("requests per min (RPM): Limit 3");
        long retryAfter = Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow());
        long retryAfterMs = Long.parseLong(limited.headers().firstValue("retry-after-ms").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(retryAfterMs).isBetween(1L, 20_000L);
        assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        assertThat(limited.headers().firstValue("x-ratelimit-reset-requests")).hasValueSatisfying(
                reset -> assertThat(reset).matches("\\d+(\\.\\d+)?s|\\d+ms|\\d+m\\d+(\\.\\d+)?s"));
        assertThat(simulator.log().statuses(Route.OPENAI)).containsExactly(200, 200, 200, 429);
        simulator.faults(Route.OPENAI, Faults.NONE);
    }

    @Test
    void overTheTokensPerMinuteOpenAiAnswers429ForTokens() throws Exception {
        simulator.faults(Route.OPENAI, Faults.builder().tokensPerMinute(20).build());

        var fits = openAi(List.of("one two three", "four five six")); // 10 tokens
        var fitsAgain = openAi("a b c d e f g h"); // 10 tokens
        var over = openAi("x");

        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(fitsAgain.statusCode()).isEqualTo(200);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(json(over).at("/error/type").asText()).isEqualTo("tokens");
        assertThat(over.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("20");
        simulator.faults(Route.OPENAI, Faults.NONE);
    }

    @Test
    void otherProvidersAnswer429WithRetryAfterInTheirShape() throws Exception {
        simulator.faults(Route.COHERE, Faults.builder().requestsPerMinute(1).build());
        Map<String, Object> body = Map.of("model", "embed-english-v3.0", "texts", List.of("a"),
                "input_type", "search_document");
        String url = simulator.cohereBaseUrl() + "/v2/embed";

        var first = post(url, body, "Authorization", bearer("co-key"));
        var limited = post(url, body, "Authorization", bearer("co-key"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
        assertThat(json(limited).get("message").asText()).isNotBlank();
        simulator.faults(Route.COHERE, Faults.NONE);
    }

    @Test
    void withoutALimitTheHeadersReportAnUntouchedBudget() throws Exception {
        var response = openAi("a");

        assertThat(response.headers().firstValue("x-ratelimit-remaining-requests"))
                .isEqualTo(response.headers().firstValue("x-ratelimit-limit-requests"));
        assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).hasValue("0s");
    }
}
