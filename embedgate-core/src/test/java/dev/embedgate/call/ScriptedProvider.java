package dev.embedgate.call;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderLimits;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.ProviderResponse;
import dev.embedgate.space.EmbeddingSpace;
import dev.embedgate.space.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A provider whose calls fail or succeed as a script says, standing in for a remote provider's behaviour at the
 * seam the pipeline sees (wire-level behaviour is tested against the simulator). Each text gets a vector derived
 * from its length, so answers can be checked for order.
 */
public final class ScriptedProvider implements EmbeddingProvider {

    public static final EmbeddingSpace SPACE = new EmbeddingSpace("test/model", "v1", 3, Pooling.PROVIDER_DEFINED, false,
            512, "", "");

    private final String name;
    private final EmbeddingSpace space;
    private final ProviderLimits limits;
    private final ConcurrentLinkedQueue<Supplier<RuntimeException>> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<List<String>> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Supplier<RuntimeException> afterScript;

    public ScriptedProvider(String name, EmbeddingSpace space, ProviderLimits limits) {
        this.name = name;
        this.space = space;
        this.limits = limits;
    }

    public ScriptedProvider(String name) {
        this(name, SPACE, new ProviderLimits(100, 1000, 100_000));
    }

    /** The next calls fail with these, in order; later calls succeed (or do what {@link #always} says). */
    public ScriptedProvider thenFail(ProviderCallException.Kind kind, int times) {
        for (int i = 0; i < times; i++) {
            script.add(() -> new ProviderCallException(name, kind, 503, "scripted " + kind));
        }
        return this;
    }

    public ScriptedProvider thenFail(Supplier<RuntimeException> failure) {
        script.add(failure);
        return this;
    }

    public ScriptedProvider always(ProviderCallException.Kind kind) {
        afterScript = () -> new ProviderCallException(name, kind, 503, "always " + kind);
        return this;
    }

    public int calls() {
        return calls.get();
    }

    public List<List<String>> requests() {
        return requests;
    }

    @Override
    public ProviderResponse embed(ProviderRequest request) {
        calls.incrementAndGet();
        requests.add(request.texts());
        Supplier<RuntimeException> next = script.poll();
        if (next == null) {
            next = afterScript;
        }
        if (next != null) {
            throw next.get();
        }
        var vectors = new ArrayList<float[]>();
        for (String text : request.texts()) {
            vectors.add(vectorFor(text, space.dimensions()));
        }
        return new ProviderResponse(vectors, request.texts().size(), List.of());
    }

    public static float[] vectorFor(String text, int dimensions) {
        float[] vector = new float[dimensions];
        vector[0] = text.length();
        vector[dimensions - 1] = 1;
        return vector;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EmbeddingSpace space() {
        return space;
    }

    @Override
    public ProviderLimits limits() {
        return limits;
    }

    @Override
    public int countTokens(String text) {
        return text.split(" ").length;
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void warmUp() {
    }

    @Override
    public void close() {
    }
}
