package dev.embedgate.provider.cohere;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.provider.http.ErrorAnswer;
import dev.embedgate.provider.http.RemoteChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.ServerSentEvent;

/** Cohere's {@code POST {baseUrl}/v2/chat} ({@link CohereChatWire}), the key as {@code Authorization: Bearer}. Thread-safe. */
public final class CohereChatProvider extends RemoteChatProvider<ServerSentEvent> {

    /** @param endpoint e.g. {@code https://api.cohere.com} (the path {@code /v2/chat} is appended) */
    public CohereChatProvider(String name, ChatModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, endpoint.resolve("/v2/chat", null), bearerHeaders(endpoint),
                ErrorAnswer::toException, CohereChatWire.INSTANCE);
    }
}
