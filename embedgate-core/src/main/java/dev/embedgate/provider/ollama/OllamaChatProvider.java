package dev.embedgate.provider.ollama;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.provider.http.ErrorAnswer;
import dev.embedgate.provider.http.RemoteChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;

/**
 * An Ollama server's {@code POST {host}/api/chat} ({@link OllamaChatWire}); the host as for embeddings
 * ({@link OllamaHost}). No credential unless one is configured (an Ollama behind an authenticating proxy).
 * Thread-safe.
 */
public final class OllamaChatProvider extends RemoteChatProvider<String> {

    /** @param endpoint the server, e.g. {@link OllamaHost#DEFAULT} */
    public OllamaChatProvider(String name, ChatModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, endpoint.resolve("/api/chat", null), bearerHeaders(endpoint),
                ErrorAnswer::toException, OllamaChatWire.INSTANCE);
    }
}
