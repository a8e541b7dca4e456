package dev.embedgate.provider;

/**
 * What every provider is, whatever it can do: a name, a way to tell whether it can serve, and a lifecycle. The
 * capabilities are separate small interfaces ({@link EmbeddingProvider}, {@link dev.embedgate.rerank.RerankProvider},
 * {@link dev.embedgate.chat.ChatProvider}); every call of any of them goes through a
 * {@link dev.embedgate.call.ResilientCallPath}. Implementations are thread-safe.
 */
public interface Provider extends AutoCloseable {

    /** A short name saying how the model is reached, e.g. {@code local/all-MiniLM-L6-v2} or a configured name. */
    String name();

    /** Whether the provider can serve right now without first loading or connecting. */
    boolean ready();

    /**
     * Whether the provider can be reached right now, checked without spending anything: a remote endpoint accepts
     * a connection; a local model is loaded. For readiness probes.
     */
    default boolean reachable() {
        return ready();
    }

    /** Whether credentials are configured for the provider (never the credentials themselves). */
    default boolean hasApiKey() {
        return false;
    }

    /** Prepares the provider (loads weights, opens connections) so that the first request is not slow. */
    default void warmUp() {
    }

    @Override
    default void close() {
    }
}
