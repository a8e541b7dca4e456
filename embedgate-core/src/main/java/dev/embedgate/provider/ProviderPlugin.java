package dev.embedgate.provider;

import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A kind of remote provider as a plug-in: what it can do, the models it knows the defaults of, how the environment
 * reaches it, and how to build one. Kinds are discovered at start-up with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.embedgate.provider.ProviderPlugin}), so adding a kind is one package, one line there,
 * and passing the shared contract suites; nothing central is edited. Implementations are stateless.
 *
 * <p>Two kinds are EmbedGate's own rather than plug-ins: {@code local} names an in-process model configured under
 * {@code models}, and {@code hash} the meaningless degraded fallback.
 */
public interface ProviderPlugin {

    /** The configuration name, lower case, e.g. {@code openai}. */
    String kind();

    /** What providers of this kind can be asked to do; embedding unless the kind says otherwise. */
    default Set<Capability> capabilities() {
        return Set.of(Capability.EMBEDDING);
    }

    /** The models this kind has defaults for (dimensions, limits, prices); the catalog is their union. */
    default List<KnownModel> knownModels() {
        return List.of();
    }

    /** The model served when the environment selects this kind; empty if the environment never selects it. */
    default Optional<String> defaultModel() {
        return Optional.empty();
    }

    /** How the conventional environment variables reach this kind; empty when only configuration can (TEI). */
    default Optional<EnvironmentAccess> environment() {
        return Optional.empty();
    }

    /**
     * An embedding provider of this kind.
     *
     * @param name     how answers, status, metrics and the ledger name it
     * @param model    the model, with its space, limits and price
     * @param endpoint where it is reached, with its key
     * @throws UnsupportedOperationException when the kind does not offer {@link Capability#EMBEDDING}
     */
    EmbeddingProvider embedding(String name, RemoteModel model, RemoteEndpoint endpoint);

    /** The chat models this kind knows the list prices of. */
    default List<KnownChatModel> knownChatModels() {
        return List.of();
    }

    /** The reranking models this kind knows the defaults of. */
    default List<KnownRerankModel> knownRerankModels() {
        return List.of();
    }

    /**
     * A chat provider of this kind.
     *
     * @throws UnsupportedOperationException when the kind does not offer {@link Capability#CHAT}
     */
    default ChatProvider chat(String name, ChatModel model, RemoteEndpoint endpoint) {
        throw new UnsupportedOperationException(kind() + " providers do not offer chat");
    }

    /**
     * A reranking provider of this kind.
     *
     * @throws UnsupportedOperationException when the kind does not offer {@link Capability#RERANK}
     */
    default RerankProvider rerank(String name, RerankModel model, RemoteEndpoint endpoint) {
        throw new UnsupportedOperationException(kind() + " providers do not offer reranking");
    }
}
