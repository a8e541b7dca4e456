package dev.embedgate.testkit.chat;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.openai.OpenAiChatProvider;
import dev.embedgate.provider.openai.OpenAiOptions;
import dev.embedgate.testkit.Route;

/** OpenAI's {@code /chat/completions} against the simulated OpenAI. */
class OpenAiChatContractTest extends SimulatorChatContract {

    OpenAiChatContractTest() {
        super(Route.OPENAI);
    }

    @Override
    ChatProvider provider(ChatModel model, RemoteEndpoint endpoint) {
        return new OpenAiChatProvider("openai/" + model.wireName(), model, endpoint, OpenAiOptions.DEFAULT);
    }

    @Override
    String modelName() {
        return "gpt-4o-mini";
    }

    @Override
    String baseUrl() {
        return simulator.openAiBaseUrl();
    }
}
