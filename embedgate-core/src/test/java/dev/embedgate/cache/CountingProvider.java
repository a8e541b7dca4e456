package dev.embedgate.cache;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.space.EmbeddingSpace;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real provider, with every call's texts recorded; it can be told to fail (as a provider that is down). */
final class CountingProvider implements EmbeddingProvider {

    private final EmbeddingProvider delegate;
    private final List<List<String>> calls = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    CountingProvider(EmbeddingProvider delegate) {
        this.delegate = delegate;
    }

    /** The texts of every call so far, in call order. */
    List<List<String>> calls() {
        return calls;
    }

    void failing(boolean fail) {
        this.failing = fail;
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        calls.add(request.texts());
        if (failing) {
            throw new ProviderCallException(name(), ProviderCallException.Kind.SERVER_ERROR, 503, "down for the test");
        }
        return delegate.embed(request);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public EmbeddingSpace space() {
        return delegate.space();
    }

    @Override
    public ProviderLimits limits() {
        return delegate.limits();
    }

    @Override
    public int countTokens(String text) {
        return delegate.countTokens(text);
    }

    @Override
    public boolean ready() {
        return delegate.ready();
    }

    @Override
    public void warmUp() {
        delegate.warmUp();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
