package dev.embedgate.chat;

import dev.embedgate.provider.Provider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.TokenCounter;

/**
 * The chat capability: messages in, a completion out, whole or streamed token by token. Calls go through the
 * provider's {@link dev.embedgate.call.ResilientCallPath} like every other capability; a stream that fails after
 * its first token reached the listener reports {@link ProviderCallException.Kind#STREAM_BROKEN}, which is neither
 * retried nor failed over.
 */
public interface ChatProvider extends Provider {

    /** The model name the provider completes with. */
    String model();

    /** Tokens a text counts, for rate limits, budgets and the ledger when the provider does not report usage. */
    default int countTokens(String text) {
        return TokenCounter.estimate().count(text);
    }

    /**
     * Answers whole.
     *
     * @throws ProviderCallException when the call fails, saying whether trying again may help
     */
    ChatCompletion complete(ChatRequest request);

    /**
     * Streams the answer to {@code listener} as it is generated, then returns it whole (with usage).
     *
     * @throws ProviderCallException when the call fails; {@link ProviderCallException.Kind#STREAM_BROKEN} once a
     *                               part has reached the listener
     */
    ChatCompletion stream(ChatRequest request, ChatStreamListener listener);
}
