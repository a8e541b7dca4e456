package dev.embedgate.server.chat;

import dev.embedgate.server.api.TestServer;
import dev.embedgate.server.config.ConfigLoader;
import dev.embedgate.server.config.GatewayConfig;
import dev.embedgate.testkit.ProviderSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A gateway whose chat models are served by the simulator: {@code gpt-4o-mini} (OpenAI, then the Hugging Face router,
 * then the fallback model {@code llama}), {@code llama} (Ollama), {@code command-r} (Cohere) and {@code solo} (OpenAI
 * alone). Short deadlines and breakers that never open, so that tests of faults stay quick and independent; the
 * deadline between tokens is just long enough (over twice {@code StreamRelay}'s one-second margin) for paced streams
 * to be relayed after their first token, as they are with the default deadlines.
 */
final class ChatGateway {

    static final String KEY = "sk-chat-test-0123456789abcdef";
    private static final String NO_BREAKER = "{maxAttempts: 2, initialBackoff: 10ms, slidingWindowCalls: 1000, "
            + "minimumCalls: 1000}";

    private ChatGateway() {
    }

    static TestServer start(ProviderSimulator simulator, Path dir, String extraYaml) throws IOException {
        GatewayConfig config = ConfigLoader.load(Files.writeString(dir.resolve("embedgate.yaml"), """
                server:
                  host: 127.0.0.1
                  port: 0
                chat:
                  providers:
                    - {name: sim-openai, kind: openai, model: gpt-4o-mini, baseUrl: "%s", apiKeyEnv: SIM_KEY, resilience: %s}
                    - {name: sim-hf, kind: huggingface, model: meta-llama/Llama-3.1-8B-Instruct, baseUrl: "%s", apiKeyEnv: SIM_KEY, resilience: %s}
                    - {name: sim-ollama, kind: ollama, model: llama3.2, baseUrl: "%s", resilience: %s}
                    - {name: sim-cohere, kind: cohere, model: command-r, baseUrl: "%s", apiKeyEnv: SIM_KEY, resilience: %s}
                  routes:
                    - {name: gpt-4o-mini, providers: [sim-openai, sim-hf], fallback_models: [llama]}
                    - {name: llama, providers: [sim-ollama]}
                    - {name: command-r, providers: [sim-cohere]}
                    - {name: solo, providers: [sim-openai]}
                  deadlines: {firstToken: 3s, betweenTokens: 2500ms, total: 20s}
                """.formatted(simulator.openAiBaseUrl(), NO_BREAKER, simulator.huggingFaceBaseUrl(), NO_BREAKER,
                simulator.ollamaBaseUrl(), NO_BREAKER, simulator.cohereBaseUrl(), NO_BREAKER) + extraYaml));
        return new TestServer(config, Map.of("SIM_KEY", KEY));
    }
}
