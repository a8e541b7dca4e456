package dev.embedgate.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedgate.call.LogCapture;
import dev.embedgate.server.api.TestServer;
import dev.embedgate.store.keys.KeyScope;
import dev.embedgate.store.keys.NewApiKey;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat models under the gateway's access controls, as embedding models are: budgets stop a chat once spent, a key
 * limited to some models may use only those (a fallback model it may not use is skipped), and no provider key appears
 * in any answer or log line, even when the provider refuses it.
 */
class ChatAccessTest {

    @TempDir
    Path dir;

    @Test
    void aSpentModelBudgetStopsTheNextChat() throws Exception {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
             var server = ChatGateway.start(simulator, dir, """
                     budgets:
                       models:
                         command-r: {dailyUsd: 0.000000001}
                     """)) {
            HttpResponse<String> first = chat(server, null, "command-r", true);
            HttpResponse<String> second = chat(server, null, "command-r", true);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(TestServer.json(second).at("/error/code").asText()).isEqualTo("budget_exceeded");
            assertThat(TestServer.json(second).at("/error/message").asText()).contains("model 'command-r'");
            assertThat(simulator.log().chatCalls(Route.COHERE)).as("the refused chat never reached Cohere").isEqualTo(1);
        }
    }

    @Test
    void aKeysBudgetStopsItsChatsAndItsModelListLimitsThemFallbacksIncluded() throws Exception {
        try (var simulator = ProviderSimulator.start(SimulatorConfig.defaults().withPort(0));
             var server = ChatGateway.start(simulator, dir, "auth: {enabled: true}\n")) {
            NewApiKey tiny = server.gateway().keys().create("tiny", KeyScope.TENANT, Set.of(), null, 1L, null);
            NewApiKey gptOnly = server.gateway().keys().create("gpt only", KeyScope.TENANT, Set.of("gpt-4o-mini"),
                    null, null, null);

            assertThat(chat(server, tiny.secret(), "solo", false).statusCode()).isEqualTo(200);
            HttpResponse<String> spent = chat(server, tiny.secret(), "solo", false);
            assertThat(spent.statusCode()).isEqualTo(429);
            assertThat(TestServer.json(spent).at("/error/message").asText()).contains("API key '" + tiny.key().id() + "'");

            HttpResponse<String> forbidden = chat(server, gptOnly.secret(), "command-r", false);
            assertThat(forbidden.statusCode()).isEqualTo(403);
            simulator.faults(Route.OPENAI, Faults.builder().errorRate(1.0).build());
            simulator.faults(Route.HUGGINGFACE, Faults.builder().errorRate(1.0).build());
            int ollamaCalls = simulator.log().chatCalls(Route.OLLAMA);
            HttpResponse<String> noFallback = chat(server, gptOnly.secret(), "gpt-4o-mini", false);
            assertThat(noFallback.statusCode()).as("the fallback model llama is not this key's").isEqualTo(502);
            assertThat(simulator.log().chatCalls(Route.OLLAMA)).isEqualTo(ollamaCalls);
        }
    }

    @Test
    void aRefusedProviderKeyAppearsInNoAnswerAndNoLogLine() throws Exception {
        try (var strict = ProviderSimulator.start(new SimulatorConfig(0, 1, List.of("sk-the-right-one"), Map.of()));
             var logs = LogCapture.start();
             var server = ChatGateway.start(strict, dir, "")) {
            HttpResponse<String> whole = chat(server, null, "solo", false);
            HttpResponse<String> streamed = chat(server, null, "command-r", true);

            assertThat(whole.statusCode()).isEqualTo(502);
            assertThat(streamed.statusCode()).isEqualTo(502);
            for (String text : List.of(whole.body(), streamed.body(), whole.headers().map().toString(),
                    String.join("\n", logs.lines()))) {
                assertThat(text).doesNotContain(ChatGateway.KEY).doesNotContain(ChatGateway.KEY.substring(3, 20));
            }
            assertThat(String.join("\n", logs.lines())).contains("sim-openai");
        }
    }

    private static HttpResponse<String> chat(TestServer server, String key, String model, boolean stream) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + model + "\", \"stream\": " + stream
                        + ", \"messages\": [{\"role\": \"user\", \"content\": \"hello there\"}]}"));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return server.send(request.build());
    }
}
