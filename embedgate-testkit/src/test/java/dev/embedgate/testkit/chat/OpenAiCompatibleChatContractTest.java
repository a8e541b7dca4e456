package dev.embedgate.testkit.chat;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.ProviderPlugins;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.openai.OpenAiPlugin;
import dev.embedgate.testkit.Route;

/**
 * An OpenAI-compatible server (vLLM, TGI, LM Studio): the openai kind's plug-in at another base URL, the Hugging Face
 * router's, which speaks the same wire under {@code /v1/chat/completions}.
 */
class OpenAiCompatibleChatContractTest extends SimulatorChatContract {

    OpenAiCompatibleChatContractTest() {
        super(Route.HUGGINGFACE);
    }

    @Override
    ChatProvider provider(ChatModel model, RemoteEndpoint endpoint) {
        return ProviderPlugins.discovered().require(OpenAiPlugin.KIND).chat("vllm/" + model.wireName(), model, endpoint);
    }

    @Override
    String modelName() {
        return "Qwen/Qwen2.5-7B-Instruct";
    }

    @Override
    String baseUrl() {
        return simulator.huggingFaceBaseUrl() + "/v1";
    }
}
