package dev.embedgate.server.chat;

import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.chat.ChatRequest;
import dev.embedgate.chat.ChatStreamListener;
import dev.embedgate.provider.Capability;
import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderPlugin;
import dev.embedgate.provider.RemoteModel;
import dev.embedgate.provider.http.RemoteEndpoint;
import java.util.Set;

/**
 * A chat kind, only on the test class path, whose provider has a bug: it streams one part, then throws something
 * that is no provider failure, as a wire parser that meets an answer it does not expect might.
 */
public final class FaultyChatPlugin implements ProviderPlugin {

    /** The part streamed before the bug. */
    static final String FIRST_PART = "Half ";

    @Override
    public String kind() {
        return "faulty-chat";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.CHAT);
    }

    @Override
    public EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint) {
        throw new UnsupportedOperationException("faulty-chat providers do not embed");
    }

    @Override
    public ChatProvider chat(String name, ChatModel model, RemoteEndpoint endpoint) {
        return new ChatProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String model() {
                return model.wireName();
            }

            @Override
            public ChatCompletion complete(ChatRequest request) {
                throw new IllegalStateException("a bug in the faulty provider");
            }

            @Override
            public ChatCompletion stream(ChatRequest request, ChatStreamListener listener) {
                listener.onDelta(FIRST_PART);
                throw new IllegalStateException("a bug in the faulty provider");
            }

            @Override
            public boolean ready() {
                return true;
            }
        };
    }
}
