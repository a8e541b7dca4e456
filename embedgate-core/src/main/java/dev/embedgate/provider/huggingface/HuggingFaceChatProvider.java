package dev.embedgate.provider.huggingface;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.provider.http.RemoteChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.http.ServerSentEvent;
import dev.embedgate.provider.openai.OpenAiChatWire;
import java.time.Duration;

/**
 * Chat on the Hugging Face router: {@code POST {endpoint}/v1/chat/completions} ({@link HuggingFaceUrls#chatCompletions}),
 * OpenAI's wire ({@link OpenAiChatWire}), the HF token as {@code Authorization: Bearer}. The model is the router's
 * name for it, e.g. {@code meta-llama/Llama-3.1-8B-Instruct}, optionally with {@code :provider}. A 503 with
 * {@code estimated_time} (a model still loading) is retried after the estimate, as for feature extraction.
 * Thread-safe.
 */
public final class HuggingFaceChatProvider extends RemoteChatProvider<ServerSentEvent> {

    /** The longest loading estimate passed on as a retry-after. */
    private static final Duration MAX_LOADING_WAIT = HuggingFaceOptions.DEFAULT.maxLoadingWait();

    /** @param endpoint the router, e.g. {@code https://router.huggingface.co}, with the HF token */
    public HuggingFaceChatProvider(String name, ChatModel model, RemoteEndpoint endpoint) {
        super(name, model, endpoint, HuggingFaceUrls.chatCompletions(endpoint.baseUrl(), model.wireName()),
                bearerHeaders(endpoint), answer -> HuggingFaceProvider.mapError(answer, MAX_LOADING_WAIT),
                OpenAiChatWire.INSTANCE);
    }
}
