package dev.embedgate.testkit.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.embedgate.provider.ProviderCallException;
import dev.embedgate.provider.ProviderCallException.Kind;
import dev.embedgate.provider.Secret;
import dev.embedgate.provider.cohere.CoherePlugin;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.rerank.RerankModel;
import dev.embedgate.rerank.RerankProvider;
import dev.embedgate.rerank.RerankRequest;
import dev.embedgate.testkit.Route;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohereRerankProviderTest extends SimulatedRerankContract {

    @Override
    protected Route route() {
        return Route.COHERE;
    }

    @Override
    protected String baseUrl() {
        return simulator.cohereBaseUrl();
    }

    @Override
    protected RerankProvider provider(RemoteEndpoint endpoint) {
        return new CoherePlugin().rerank("cohere/rerank-v3.5", new RerankModel("rerank-v3.5", 100), endpoint);
    }

    @Test
    void everyDocumentIsScoredInOneCallThatTheLogCounts() {
        provider().rerank(new RerankRequest("red car", List.of("a red car", "a tree", "a red bus")));

        assertThat(simulator.log().rerankCalls(Route.COHERE)).isEqualTo(1);
        assertThat(simulator.log().rerankDocuments(Route.COHERE)).isEqualTo(3);
        assertThat(simulator.log().statuses(Route.COHERE)).containsExactly(200);
    }

    @Test
    void aModelCohereDoesNotServeIsRejectedByName() {
        try (RerankProvider unknown = new CoherePlugin().rerank("cohere/rerank-nope", new RerankModel("rerank-nope"),
                new RemoteEndpoint(URI.create(baseUrl()), KEY, null))) {
            ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                    () -> unknown.rerank(new RerankRequest("q", List.of("d"))));

            assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
            assertThat(failure).hasMessageContaining("rerank-nope");
        }
    }

    @Test
    void aWrongKeyIsUnauthorizedAndNotRepeated() {
        Secret wrong = Secret.of("sk-WRONGKEY-0123456789abcdef");
        try (RerankProvider provider = provider(new RemoteEndpoint(URI.create(baseUrl()), wrong, null))) {
            ProviderCallException failure = catchThrowableOfType(ProviderCallException.class,
                    () -> provider.rerank(new RerankRequest("q", List.of("d"))));

            assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
            assertThat(failure).hasMessageNotContaining(wrong.reveal());
        }
    }
}
