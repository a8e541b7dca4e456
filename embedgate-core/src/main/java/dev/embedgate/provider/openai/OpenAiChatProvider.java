package dev.embedgate.provider.openai;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.provider.http.ErrorAnswer;
import dev.embedgate.provider.http.RemoteChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.ServerSentEvent;

/**
 * OpenAI's {@code POST {baseUrl}/chat/completions} ({@link OpenAiChatWire}), and any server speaking it at another
 * base URL: vLLM, TGI, LM Studio, Ollama's {@code /v1}, Azure OpenAI ({@link OpenAiOptions#azure}: the key as
 * {@code api-key}, the {@code api-version} query). Thread-safe.
 */
public final class OpenAiChatProvider extends RemoteChatProvider<ServerSentEvent> {

    /**
     * @param name     the provider's name in routes, metrics and messages
     * @param endpoint the base URL up to, not including, {@code /chat/completions} (e.g. {@code https://api.openai.com/v1})
     */
    public OpenAiChatProvider(String name, ChatModel model, RemoteEndpoint endpoint, OpenAiOptions options) {
        super(name, model, endpoint,
                endpoint.resolve("/chat/completions", options.apiVersion() == null ? null : "api-version=" + options.apiVersion()),
                OpenAiProvider.headers(endpoint, options), ErrorAnswer::toException, OpenAiChatWire.INSTANCE);
    }
}
