package dev.embedgate.testkit.chat;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.ollama.OllamaChatProvider;
import dev.embedgate.testkit.Route;

/** Ollama's {@code /api/chat} (newline-delimited JSON) against the simulated Ollama. */
class OllamaChatContractTest extends SimulatorChatContract {

    OllamaChatContractTest() {
        super(Route.OLLAMA);
    }

    @Override
    ChatProvider provider(ChatModel model, RemoteEndpoint endpoint) {
        return new OllamaChatProvider("ollama/" + model.wireName(), model, endpoint);
    }

    @Override
    String modelName() {
        return "llama3.2";
    }

    @Override
    String baseUrl() {
        return simulator.ollamaBaseUrl();
    }
}
