package dev.embedgate.testkit.chat;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.cohere.CohereChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.testkit.Route;

/** Cohere's {@code /v2/chat} (typed server-sent events) against the simulated Cohere. */
class CohereChatContractTest extends SimulatorChatContract {

    CohereChatContractTest() {
        super(Route.COHERE);
    }

    @Override
    ChatProvider provider(ChatModel model, RemoteEndpoint endpoint) {
        return new CohereChatProvider("cohere/" + model.wireName(), model, endpoint);
    }

    @Override
    String modelName() {
        return "command-r";
    }

    @Override
    String baseUrl() {
        return simulator.cohereBaseUrl();
    }
}
