package dev.embedgate.testkit.chat;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.huggingface.HuggingFaceChatProvider;
import dev.embedgate.testkit.Route;

/** The Hugging Face router's {@code /v1/chat/completions} against the simulated router. */
class HuggingFaceChatContractTest extends SimulatorChatContract {

    HuggingFaceChatContractTest() {
        super(Route.HUGGINGFACE);
    }

    @Override
    ChatProvider provider(ChatModel model, RemoteEndpoint endpoint) {
        return new HuggingFaceChatProvider("huggingface/" + model.wireName(), model, endpoint);
    }

    @Override
    String modelName() {
        return "meta-llama/Llama-3.1-8B-Instruct";
    }

    @Override
    String baseUrl() {
        return simulator.huggingFaceBaseUrl();
    }
}
