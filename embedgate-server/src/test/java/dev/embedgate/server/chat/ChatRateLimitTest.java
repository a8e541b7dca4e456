package dev.embedgate.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.SimulatorConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat provider at its client-side rate limit keeps a caller waiting at most the first token's deadline: when the
 * limit has no room before then, the next provider answers at once, or the caller is told the model is at its limit.
 */
class ChatRateLimitTest {

    @Test
    void aProviderWhoseRateLimitHasNoRoomBeforeTheFirstTokensDeadlineIsFailedOverAtOnce(@TempDir Path dir)
            throws IOException {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
             var server = new TestServer(ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                     server:
                       host: 127.0.0.1
                       port: 0
                     chat:
                       providers:
                         - {name: limited, kind: openai, model: gpt-4o-mini, baseUrl: "%s", apiKeyEnv: SIM_KEY, rateLimit: {requestsPerMinute: 1}}
                         - {name: spare, kind: ollama, model: llama3.2, baseUrl: "%s"}
                       routes:
                         - {name: gpt-4o-mini, providers: [limited, spare]}
                         - {name: limited-only, providers: [limited]}
                       deadlines: {firstToken: 3s, betweenTokens: 3s, total: 5m}
                     """.formatted(simulator.openAiBaseUrl(), simulator.ollamaBaseUrl()))),
                     Map.of("SIM_KEY", ChatGateway.KEY))) {
            HttpResponse<String> first = stream(server, "gpt-4o-mini");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(first.headers().firstValue("X-EmbedGate-Provider")).hasValue("limited");

            // The limit admits the next call a minute later, past the 3 s to the first token (and well within the
            // 5 minutes in all, which used to bound the wait).
            long start = System.nanoTime();
            HttpResponse<String> second = stream(server, "gpt-4o-mini");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(second.headers().firstValue("X-EmbedGate-Provider")).hasValue("spare");
            assertThat(SseAnswer.parse(second.body()).done()).isTrue();
            assertThat(waited).isLessThan(Duration.ofSeconds(2));

            start = System.nanoTime();
            HttpResponse<String> alone = stream(server, "limited-only");
            waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(alone.statusCode()).as(alone.body()).isEqualTo(429);
            assertThat(TestServer.json(alone).at("/error/message").asText()).contains("rate limit");
            assertThat(waited).isLessThan(Duration.ofSeconds(2));
        }
    }

    private static HttpResponse<String> stream(TestServer server, String model) {
        return server.post("/v1/chat/completions", "{\"model\": \"" + model + "\", \"stream\": true, \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"who answers?\"}]}");
    }
}
