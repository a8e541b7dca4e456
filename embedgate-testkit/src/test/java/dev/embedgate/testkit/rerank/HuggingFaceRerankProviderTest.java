package dev.embedgate.testkit.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.provider.huggingface.HuggingFacePlugin;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.Route;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HuggingFaceRerankProviderTest extends SimulatedRerankContract {

    @Override
    protected Route route() {
        return Route.HUGGINGFACE;
    }

    @Override
    protected String baseUrl() {
        return simulator.huggingFaceBaseUrl();
    }

    @Override
    protected RerankProvider provider(RemoteEndpoint endpoint) {
        return new HuggingFacePlugin().rerank("huggingface/bge-reranker-base",
                new RerankModel("BAAI/bge-reranker-base"), endpoint);
    }

    @Test
    void aLoadingModelIsARetryableServerErrorWithItsEstimate() {
        simulator.faults(Route.HUGGINGFACE, Faults.builder().coldStartSeconds(12).script("cold_start").build());

        ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                () -> provider().rerank(new RerankRequest("q", List.of("d"))));

        assertThat(failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void theEmbeddingModelsOfTheRouteAreNotRerankers() {
        try (RerankProvider embedder = new HuggingFacePlugin().rerank("huggingface/minilm",
                new RerankModel("sentence-transformers/all-MiniLM-L6-v2"), endpoint())) {
            ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                    () -> embedder.rerank(new RerankRequest("q", List.of("d"))));

            assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
            assertThat(failure.httpStatus()).isEqualTo(404);
        }
    }

    private RemoteEndpoint endpoint() {
        return new RemoteEndpoint(URI.create(baseUrl()), KEY, null);
    }
}
