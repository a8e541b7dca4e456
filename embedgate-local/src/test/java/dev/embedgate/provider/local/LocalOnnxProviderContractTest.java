package dev.embedgate.provider.local;

import dev.embedgate.provider.EmbeddingProvider;
import dev.embedgate.provider.EmbeddingProviderContract;
import dev.embedgate.provider.ProviderCallException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The in-process ONNX model passes the contract of every embedding provider; a closed one fails as UNAVAILABLE. */
class LocalOnnxProviderContractTest extends EmbeddingProviderContract {

    private static LocalOnnxProvider provider;

    @BeforeAll
    static void load() {
        provider = new LocalOnnxProvider(TestModels.spec(BuiltInModels.MINILM), InferenceSettings.defaults(true, 2));
    }

    @AfterAll
    static void close() {
        provider.close();
    }

    @Override
    protected EmbeddingProvider providerAnswering(int texts) {
        return provider;
    }

    /** A closed model: {@link ProviderCallException.Kind#UNAVAILABLE}, so a route fails over from it. */
    @Override
    protected Optional<EmbeddingProvider> failingProvider() {
        var closed = new LocalOnnxProvider(TestModels.spec(BuiltInModels.MINILM), InferenceSettings.defaults(true, 2));
        closed.close();
        return Optional.of(closed);
    }
}
